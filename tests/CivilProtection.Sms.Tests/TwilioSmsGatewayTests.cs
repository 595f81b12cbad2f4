using System.Diagnostics;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>The gateway through the real Twilio SDK, its HTTP calls sent to a fake Twilio on loopback.</summary>
public sealed class TwilioSmsGatewayTests : IAsyncLifetime
{
    private static readonly Uri PublicBaseUrl = new("https://cp.example.org");
    private const string To = "+33612345678";

    private FakeTwilio _twilio = null!;
    private readonly CapturingLogger<TwilioSmsGateway> _log = new();

    public async Task InitializeAsync() => _twilio = await FakeTwilio.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private TwilioSmsGateway Gateway(
        bool useApiKey = false, bool useFromNumber = false, TimeSpan? attemptTimeout = null, string? authToken = null,
        double? messagesPerSecond = null, TimeProvider? time = null, TimeSpan? retryDelay = null, int maxAttempts = 4)
    {
        var options = new TwilioOptions
        {
            AccountSid = _twilio.AccountSid,
            AuthToken = authToken ?? _twilio.AuthToken,
            ApiKeySid = useApiKey ? _twilio.ApiKeySid : null,
            ApiKeySecret = useApiKey ? _twilio.ApiKeySecret : null,
            MessagingServiceSid = useFromNumber ? null : _twilio.MessagingServiceSid,
            FromNumber = useFromNumber ? _twilio.FromNumber : null,
            PublicBaseUrl = PublicBaseUrl,
            ApiBaseUrl = _twilio.BaseUrl,
            MessagesPerSecond = messagesPerSecond,
            Retry = new TwilioRetryOptions
            {
                MaxAttempts = maxAttempts,
                BaseDelay = retryDelay ?? TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(50),
                AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
            },
        };
        return new TwilioSmsGateway(Options.Create(options), time ?? TimeProvider.System, _log);
    }

    private static OutgoingSms Sms(string smsId = "sms-1", SmsPriority priority = SmsPriority.Paging) =>
        new(To, "[URGENCE VITALE] Demande AR-2026-00042 à valider. Répondez OK 4821", SmsCallbacks.StatusCallbackFor(PublicBaseUrl, smsId), priority);

    [Fact]
    public async Task An_sms_goes_through_the_messaging_service_with_its_status_callback()
    {
        using var gateway = Gateway();

        var receipt = await gateway.SendAsync(Sms(), CancellationToken.None);

        var received = Assert.Single(_twilio.Messages);
        Assert.Empty(_twilio.Violations);
        Assert.Equal(received.Sid, receipt.ProviderMessageId);
        Assert.Equal("accepted", receipt.Status);
        Assert.Equal(To, received.To);
        Assert.Equal(Sms().Body, received.Body);
        Assert.Equal(_twilio.MessagingServiceSid, received.MessagingServiceSid);
        Assert.Null(received.From);
        Assert.Equal("https://cp.example.org/api/sms/status?sms=sms-1", received.StatusCallback.AbsoluteUri);
    }

    [Theory]
    [InlineData(300.0, 300)]
    [InlineData(299.2, 300)] // whole seconds, rounded up
    [InlineData(0.0, 5)] // Twilio advises more than 5
    [InlineData(86_400.0, 36_000)] // Twilio's maximum
    public async Task An_sms_valid_for_a_while_carries_twilios_validity_period_in_its_bounds(double seconds, int expected)
    {
        using var gateway = Gateway();

        await gateway.SendAsync(Sms() with { ValidFor = TimeSpan.FromSeconds(seconds) }, CancellationToken.None);

        Assert.Equal(expected, Assert.Single(_twilio.Messages).ValidityPeriod);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task An_sms_without_a_validity_leaves_twilios_default()
    {
        using var gateway = Gateway();

        await gateway.SendAsync(Sms(), CancellationToken.None);

        Assert.Null(Assert.Single(_twilio.Messages).ValidityPeriod);
    }

    [Fact]
    public async Task Without_a_messaging_service_the_sms_is_sent_from_the_configured_number()
    {
        using var gateway = Gateway(useFromNumber: true);

        var receipt = await gateway.SendAsync(Sms(), CancellationToken.None);

        var received = Assert.Single(_twilio.Messages);
        Assert.Empty(_twilio.Violations);
        Assert.Equal(_twilio.FromNumber, received.From);
        Assert.Null(received.MessagingServiceSid);
        Assert.Equal("queued", receipt.Status);
    }

    [Fact]
    public async Task With_an_api_key_the_calls_authenticate_with_it()
    {
        using var gateway = Gateway(useApiKey: true, authToken: "not-used-for-rest-calls");

        await gateway.SendAsync(Sms(), CancellationToken.None);

        Assert.Single(_twilio.Messages);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task A_429_then_201_is_retried_and_the_sms_sent_once()
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.TooManyRequests);

        await gateway.SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(2, _twilio.RequestCount);
        Assert.Single(_twilio.Messages);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task One_attempt_in_all_sends_and_a_failure_is_not_retried()
    {
        using var gateway = Gateway(maxAttempts: 1);
        await gateway.SendAsync(Sms(), CancellationToken.None);
        _twilio.AnswerNext(FakeTwilioAnswer.TooManyRequests);

        await Assert.ThrowsAsync<SmsUnavailableException>(() => gateway.SendAsync(Sms("sms-2"), CancellationToken.None));

        Assert.Equal(2, _twilio.RequestCount);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task A_5xx_without_a_json_body_is_retried_too()
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.Unavailable, times: 2);

        await gateway.SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(3, _twilio.RequestCount);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task Twilio_failing_every_attempt_ends_in_sms_unavailable_after_the_configured_attempts()
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.ServerError, times: 10);

        await Assert.ThrowsAsync<SmsUnavailableException>(() => gateway.SendAsync(Sms(), CancellationToken.None));

        Assert.Equal(4, _twilio.RequestCount);
        Assert.Empty(_twilio.Messages);
    }

    [Theory]
    [InlineData(21610)]
    [InlineData(21211)]
    [InlineData(21614)]
    [InlineData(21612)]
    public async Task A_permanent_refusal_is_sms_rejected_with_its_code_and_never_retried(int code)
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.Error(400, code));

        var refused = await Assert.ThrowsAsync<SmsRejectedException>(() => gateway.SendAsync(Sms(), CancellationToken.None));

        Assert.Equal(code, refused.ErrorCode);
        Assert.Equal(1, _twilio.RequestCount);
        Assert.Empty(_twilio.Messages);
    }

    // The account's or the sender's fault, not the person's: not a refusal of the recipient, so the SMS is tried again later.
    [Theory]
    [InlineData(400, 21606)]
    [InlineData(400, 21701)]
    [InlineData(400, 21408)]
    [InlineData(400, 30001)]
    [InlineData(401, 20003)]
    public async Task An_account_or_sender_error_is_sms_unavailable_not_a_refusal_of_the_recipient(int status, int code)
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.Error(status, code));

        var failure = await Assert.ThrowsAsync<SmsUnavailableException>(() => gateway.SendAsync(Sms(), CancellationToken.None));

        Assert.Equal(1, _twilio.RequestCount);
        Assert.Contains(_log.Lines, line => line.StartsWith("Error:", StringComparison.Ordinal) && line.Contains($"error {code}", StringComparison.Ordinal));
        Assert.DoesNotContain("+336", failure.Message + _log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_within_the_attempt_timeout_is_waited_for()
    {
        using var gateway = Gateway(attemptTimeout: TimeSpan.FromSeconds(10));
        _twilio.AnswerNext(FakeTwilioAnswer.Delayed(TimeSpan.FromMilliseconds(700)));

        await gateway.SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(1, _twilio.RequestCount);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task An_answer_later_than_the_attempt_timeout_is_given_up_and_retried()
    {
        using var gateway = Gateway(attemptTimeout: TimeSpan.FromSeconds(1.5));
        _twilio.AnswerNext(FakeTwilioAnswer.Delayed(TimeSpan.FromSeconds(20)));

        await gateway.SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(2, _twilio.RequestCount);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task Wrong_credentials_are_sms_unavailable_not_a_refusal_of_the_recipient()
    {
        using var gateway = Gateway(authToken: "0123456789abcdef0123456789abcdef");

        await Assert.ThrowsAsync<SmsUnavailableException>(() => gateway.SendAsync(Sms(), CancellationToken.None));

        Assert.Equal(1, _twilio.RequestCount);
        Assert.Contains(_twilio.Violations, v => v.Contains("basic auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_stops_a_call_in_flight()
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.Delayed(TimeSpan.FromSeconds(10)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.SendAsync(Sms(), cancel.Token));

        Assert.Equal(1, _twilio.RequestCount);
        Assert.Empty(_twilio.Messages);
    }

    [Fact]
    public async Task Logs_show_numbers_masked_and_never_the_text_or_a_secret()
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.TooManyRequests);
        await gateway.SendAsync(Sms(), CancellationToken.None);
        _twilio.AnswerNext(FakeTwilioAnswer.Error(400, 21610));
        await Assert.ThrowsAsync<SmsRejectedException>(() => gateway.SendAsync(Sms("sms-2"), CancellationToken.None));

        Assert.Contains("+33******78", _log.All);
        Assert.DoesNotContain(To, _log.All);
        Assert.DoesNotContain("OK 4821", _log.All);
        Assert.DoesNotContain(_twilio.AuthToken, _log.All);
    }

    // ---- pacing (CivilProtection:Twilio:MessagesPerSecond) ----

    [Fact]
    public async Task A_burst_paced_to_twilios_rate_meets_no_429()
    {
        const int Rate = 20;
        const int Burst = 60;
        using var gateway = Gateway(messagesPerSecond: Rate);
        _twilio.RateLimitPerSecond = Rate;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => gateway.SendAsync(Sms($"sms-{i}", SmsPriority.Dispatch), CancellationToken.None)));

        Assert.Equal(0, _twilio.RateLimitedCount);
        Assert.Equal(Burst, _twilio.Messages.Count);
        Assert.Equal(0, _twilio.Duplicates);
        Assert.Empty(_twilio.Violations);
        // One slot every 50 ms: the last of 60 cannot leave before 59 intervals (a load can only make it later).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(50 * (Burst - 1) - 20), $"The burst took only {clock.Elapsed}.");
    }

    [Fact]
    public async Task A_burst_of_three_segment_sms_is_paced_by_segments_and_meets_no_429()
    {
        const int Rate = 30;
        const int Burst = 20;
        using var gateway = Gateway(messagesPerSecond: Rate);
        _twilio.RateLimitPerSecond = Rate;
        // Arabic (UCS-2) of 150 characters: three segments of 67.
        var body = string.Concat(Enumerable.Repeat("طلب مساعدة ", 14))[..150];
        Assert.Equal(3, SmsSegments.Count(body).Segments);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => gateway.SendAsync(
            new OutgoingSms(To, body, SmsCallbacks.StatusCallbackFor(PublicBaseUrl, $"sms-{i}"), SmsPriority.Dispatch), CancellationToken.None)));

        Assert.Equal(0, _twilio.RateLimitedCount);
        Assert.Equal(Burst, _twilio.Messages.Count);
        Assert.Empty(_twilio.Violations);
        // 30 segments a second is 10 of these a second: the last of 20 leaves no sooner than 19 × 3 intervals of 33 ms.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1000.0 / Rate * 3 * (Burst - 1) - 20), $"The burst took only {clock.Elapsed}.");
    }

    [Fact]
    public async Task Without_pacing_a_burst_meets_429s()
    {
        using var gateway = Gateway();
        // Low enough that even a slow machine sends the burst faster than the fake allows.
        _twilio.RateLimitPerSecond = 5;

        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            try
            {
                await gateway.SendAsync(Sms($"sms-{i}"), CancellationToken.None);
            }
            catch (SmsUnavailableException)
            {
                // Retries ran out: the point here is the 429s.
            }
        }));

        Assert.True(_twilio.RateLimitedCount > 0, "No 429 at all: the fake's limit is not what the pacing tests assume.");
    }

    [Fact]
    public async Task A_retry_after_a_429_waits_for_the_next_slot()
    {
        var clock = new FakeTimeProvider();
        // No backoff, so the retry asks for its slot at once and only the pacer holds it back.
        using var gateway = Gateway(messagesPerSecond: 1, time: clock, retryDelay: TimeSpan.Zero);
        _twilio.AnswerNext(FakeTwilioAnswer.TooManyRequests);

        var send = gateway.SendAsync(Sms(), CancellationToken.None);
        await Eventually.TrueAsync(() => gateway.Pacer!.Waiting == 1, "the retry waiting for a slot");

        Assert.Equal(1, _twilio.RequestCount);
        Assert.False(send.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await send.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _twilio.RequestCount);
        Assert.Single(_twilio.Messages);
    }

    [Fact]
    public async Task A_page_sent_behind_waiting_dispatch_offers_reaches_twilio_first()
    {
        var clock = new FakeTimeProvider();
        using var gateway = Gateway(messagesPerSecond: 1, time: clock);
        await gateway.SendAsync(Sms("offer-0", SmsPriority.Dispatch), CancellationToken.None);
        var offers = Enumerable.Range(1, 5).Select(i => gateway.SendAsync(Sms($"offer-{i}", SmsPriority.Dispatch), CancellationToken.None)).ToList();
        await Eventually.TrueAsync(() => gateway.Pacer!.Waiting == 5, "the offers waiting for slots");
        var page = gateway.SendAsync(Sms("page", SmsPriority.Paging), CancellationToken.None);
        await Eventually.TrueAsync(() => gateway.Pacer!.Waiting == 6, "the page waiting for a slot");

        clock.Advance(TimeSpan.FromSeconds(1));
        await page.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["offer-0", "page"], _twilio.Messages.Select(m => m.StatusCallback.Query.Split('=')[1]));
        Assert.All(offers, o => Assert.False(o.IsCompleted));

        // Stopping releases the offers still waiting, as not sent.
        gateway.Dispose();
        foreach (var offer in offers)
        {
            await Assert.ThrowsAsync<SmsUnavailableException>(() => offer);
        }
    }

    [Fact]
    public async Task Cancelling_a_send_that_waits_for_a_slot_is_sms_unavailable_and_sends_nothing()
    {
        var clock = new FakeTimeProvider();
        using var gateway = Gateway(messagesPerSecond: 1, time: clock);
        await gateway.SendAsync(Sms("first"), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gateway.SendAsync(Sms("second"), cancel.Token);
        await Eventually.TrueAsync(() => gateway.Pacer!.Waiting == 1, "the second send waiting for a slot");

        await cancel.CancelAsync();

        // Certainly not sent, so the caller may put it back to pending (SmsUnavailableException), unlike a call cut in flight.
        await Assert.ThrowsAsync<SmsUnavailableException>(() => waiting);
        Assert.Equal(0, gateway.Pacer!.Waiting);
        Assert.Equal(1, _twilio.RequestCount);
    }

    [Theory]
    [InlineData(SmsPurpose.DispatchOffer, SmsPriority.Dispatch)]
    [InlineData(SmsPurpose.Notice, SmsPriority.Paging)]
    [InlineData(SmsPurpose.AdminAlert, SmsPriority.Paging)]
    [InlineData(SmsPurpose.Confirmation, SmsPriority.Paging)]
    public void Dispatch_offers_are_the_only_sms_that_wait_for_pages(SmsPurpose purpose, SmsPriority expected)
    {
        Assert.Equal(expected, SmsRecord.PriorityOf(purpose));
    }
}
