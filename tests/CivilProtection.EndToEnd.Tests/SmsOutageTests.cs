using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The provider is unreachable when a page goes out: the SMS goes back to <c>pending</c> (not <c>unknown</c>, which
/// would never be sent), the queue delivers it again, and it is sent once when the provider answers.
/// </summary>
public sealed class SmsOutageTests
{
    [Fact]
    public async Task A_page_the_provider_could_not_take_is_sent_once_on_the_next_delivery()
    {
        var gateway = new DownOnceGateway();
        await using var host = await TestHost.StartAsync(configure: b => b.Services.AddSingleton<ISmsGateway>(gateway));

        using var filed = await host.ClientFor("ma-duty").PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var requestId = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var store = host.Service<IRequestStore>();
        SmsRecord? sms = null;
        for (var until = DateTime.UtcNow.AddSeconds(20); sms is null && DateTime.UtcNow < until; await Task.Delay(50))
        {
            var notices = await store.ListNoticesAsync(requestId, CancellationToken.None);
            if (notices.SelectMany(n => n.Value.Attempts).FirstOrDefault()?.SmsId is { } smsId
                && (await store.FindSmsAsync(smsId, CancellationToken.None))?.Value is { Status: SmsStatus.Sent or SmsStatus.Delivered } sent)
            {
                sms = sent;
            }
        }

        Assert.NotNull(sms);
        Assert.Equal("SM-after-the-outage", sms.ProviderMessageId);
        Assert.Equal(2, gateway.Calls);
        Assert.Equal(1, gateway.Sent);
    }

    private sealed class DownOnceGateway : ISmsGateway
    {
        private int _calls;
        private int _sent;

        public int Calls => Volatile.Read(ref _calls);
        public int Sent => Volatile.Read(ref _sent);

        public Task<SmsReceipt> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new SmsUnavailableException("The provider did not answer.", new HttpRequestException("connection refused"));
            }
            Interlocked.Increment(ref _sent);
            return Task.FromResult(new SmsReceipt("SM-after-the-outage", "queued"));
        }
    }
}
