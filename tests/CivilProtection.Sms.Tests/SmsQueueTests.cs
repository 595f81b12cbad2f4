using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Sms;

namespace CivilProtection.Sms.Tests;

public sealed class SmsQueueTests
{
    [Theory]
    [InlineData(SmsPurpose.Notice, Queues.SmsPaging)]
    [InlineData(SmsPurpose.AdminAlert, Queues.SmsPaging)]
    [InlineData(SmsPurpose.Confirmation, Queues.SmsPaging)]
    [InlineData(SmsPurpose.NoticeCall, Queues.SmsPaging)]
    [InlineData(SmsPurpose.AdminCall, Queues.SmsPaging)]
    [InlineData(SmsPurpose.DispatchOffer, Queues.SmsOutbound)]
    public void Pages_travel_on_a_queue_of_their_own_so_no_dispatch_holds_them_up(SmsPurpose purpose, string queue)
    {
        var requestId = new string('a', 32);
        var at = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        var sms = new SmsRecord(SmsRecord.IdFor(requestId, "x-1"), requestId, "fr-oncall", "+33612345678", "…", purpose, null, SmsStatus.Pending, null, null, at, at);

        var row = OutboxRouting.SmsToSend(sms, requestId);

        Assert.Equal(queue, row.Queue);
        Assert.Equal($"sms:{sms.SmsId}", row.MessageId);
    }

    [Fact]
    public void Both_sms_queues_are_described_for_Service_Bus_and_the_in_process_transport()
    {
        var names = QueueDescription.Embedded.Select(q => q.Name).ToList();

        Assert.Contains(Queues.SmsPaging, names);
        Assert.Contains(Queues.SmsOutbound, names);
    }
}
