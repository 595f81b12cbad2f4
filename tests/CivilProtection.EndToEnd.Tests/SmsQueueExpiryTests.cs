using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Real Twilio queues over the rate for hours instead of answering 429: a page stuck in that queue must expire when
/// its escalation step passes (its <c>ValidityPeriod</c>), not wake its person hours late. End to end over HTTP, the
/// fake Twilio queuing as Twilio does, on the same fake clock as the host.
/// </summary>
public sealed class SmsQueueExpiryTests : IAsyncLifetime
{
    private static readonly DateTimeZone Casablanca = DateTimeZoneProviders.Tzdb["Africa/Casablanca"];
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeTwilio _twilio = null!;
    private TestHost _host = null!;

    private static readonly Person First = new("t-queue-1", "Salma Premiere", "+212661000591", "fr", "MA-DGPC", ["approver"], []);
    private static readonly Person Second = new("t-queue-2", "Youssef Second", "+212661000592", "fr", "MA-DGPC", ["approver"], []);

    public async Task InitializeAsync()
    {
        (_twilio, _host) = await FakeTwilioHost.StartAsync(_clock);
        await FakeTwilioHost.OnCallAsync(_host, _clock, [First, Second], ("MA-DGPC", "validation", Casablanca, [(First, 1), (Second, 2)]));
        _twilio.QueuesOverRate = true;
        _twilio.QueueClock = _clock;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task A_page_stuck_in_Twilios_queue_expires_at_its_escalation_and_never_goes_out_late()
    {
        // The account's rate is spent for the next 1,000 s: Twilio accepts the page and holds it in its queue.
        _twilio.RateLimitPerSecond = 0.001;
        await _host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        await UntilAsync(() => _twilio.SentFromQueue.Count == 1);
        var filed = await _host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        var id = Api.Id(filed);
        var reference = (string)filed["reference"]!;
        await UntilAsync(() => _twilio.Messages.Any(m => m.To == First.Mobile && m.Body.Contains(reference, StringComparison.Ordinal)));
        var page = _twilio.Messages.Single(m => m.To == First.Mobile && m.Body.Contains(reference, StringComparison.Ordinal));
        Assert.Equal(300, page.ValidityPeriod); // until the notice's next step, 5 minutes for life safety

        // The five minutes pass with the page still queued: it expires (30036) instead of going out, and the next tier is paged.
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await UntilAsync(() => _twilio.ExpiredInQueue.Any(m => m.Sid == page.Sid));
        await UntilAsync(() => _twilio.Messages.Any(m => m.To == Second.Mobile && m.Body.Contains(reference, StringComparison.Ordinal)));
        var store = _host.Service<IRequestStore>();
        var smsId = (await store.ListNoticesAsync(id, CancellationToken.None)).Single().Value.Attempts.First(a => a.PersonId == First.PersonId).SmsId;
        await UntilAsync(async () => (await store.FindSmsAsync(smsId, CancellationToken.None))?.Value is { Status: SmsStatus.Failed, ErrorCode: FakeTwilio.ValidityPeriodExpired });
        Assert.DoesNotContain(_twilio.SentFromQueue, m => m.Sid == page.Sid);
        Assert.Empty(_twilio.Violations);
    }

    private static Task UntilAsync(Func<bool> done) => UntilAsync(() => Task.FromResult(done()));

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        for (var until = DateTime.UtcNow.AddSeconds(30); !await done(); await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < until, "Never got there.");
        }
    }
}
