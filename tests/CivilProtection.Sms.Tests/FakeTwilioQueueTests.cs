using System.Collections.Concurrent;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>
/// The fake Twilio's queue, as Twilio behaves over its rate: the real gateway's sends are all accepted, go out at the
/// rate, and one that waits past its validity period is not sent but reported failed with 30036.
/// </summary>
public sealed class FakeTwilioQueueTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentQueue<(string SmsId, string Status, string? ErrorCode)> _callbacks = new();
    private FakeTwilio _twilio = null!;
    private WebApplication _app = null!;
    private Uri _appUrl = null!;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilio.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/sms/status", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            _callbacks.Enqueue((http.Request.Query["sms"].ToString(), form["MessageStatus"].ToString(), form.TryGetValue("ErrorCode", out var code) ? code.ToString() : null));
            return Results.NoContent();
        });
        await _app.StartAsync();
        _appUrl = new Uri(_app.Urls.First());
        _twilio.QueuesOverRate = true;
        _twilio.QueueClock = _clock;
    }

    public async Task DisposeAsync()
    {
        await _twilio.DisposeAsync();
        await _app.DisposeAsync();
    }

    private TwilioSmsGateway Gateway() => new(Options.Create(new TwilioOptions
    {
        AccountSid = _twilio.AccountSid,
        AuthToken = _twilio.AuthToken,
        MessagingServiceSid = _twilio.MessagingServiceSid,
        PublicBaseUrl = _appUrl,
        ApiBaseUrl = _twilio.BaseUrl,
    }), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<TwilioSmsGateway>.Instance);

    private OutgoingSms Sms(string id, TimeSpan? validFor) => new("+33612345678", "OK 4821", SmsCallbacks.StatusCallbackFor(_appUrl, id), ValidFor: validFor);

    [Fact]
    public async Task Over_the_rate_every_message_is_accepted_sent_in_turn_and_one_past_its_validity_is_failed_with_30036()
    {
        _twilio.RateLimitPerSecond = 0.01; // one now, the next in 100 s
        using var gateway = Gateway();

        await gateway.SendAsync(Sms("first", TimeSpan.FromMinutes(5)), CancellationToken.None);
        await gateway.SendAsync(Sms("short", TimeSpan.FromMinutes(5)), CancellationToken.None);
        await gateway.SendAsync(Sms("default", validFor: null), CancellationToken.None);

        Assert.Equal(0, _twilio.RateLimitedCount);
        await UntilAsync(() => _callbacks.Any(c => c == ("first", "delivered", null)));
        Assert.Equal(2, _twilio.Queued);

        // Six minutes in the queue: past the 5 minutes "short" was given; "default" has Twilio's 10 hours.
        _clock.Advance(TimeSpan.FromMinutes(6));
        await UntilAsync(() => _callbacks.Any(c => c.SmsId == "short"));
        Assert.Contains(("short", "failed", "30036"), _callbacks);
        Assert.DoesNotContain(_callbacks, c => c.SmsId == "short" && c.Status != "failed");
        Assert.Equal(["first"], _twilio.SentFromQueue.Select(m => m.StatusCallback.Query.TrimStart('?')["sms=".Length..]));
        Assert.Single(_twilio.ExpiredInQueue);
        Assert.Equal(1, _twilio.Queued);
        Assert.DoesNotContain(_callbacks, c => c.SmsId == "default");
        Assert.Empty(_twilio.Violations);
    }

    private static async Task UntilAsync(Func<bool> done)
    {
        for (var until = DateTime.UtcNow.AddSeconds(10); !done(); await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < until, "The fake's queue never got there.");
        }
    }
}
