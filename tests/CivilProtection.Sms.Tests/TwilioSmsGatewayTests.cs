using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Testing;
using Microsoft.Extensions.Options;

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

    private TwilioSmsGateway Gateway(bool useApiKey = false, bool useFromNumber = false, TimeSpan? attemptTimeout = null, string? authToken = null)
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
            Retry = new TwilioRetryOptions
            {
                MaxAttempts = 4,
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(50),
                AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
            },
        };
        return new TwilioSmsGateway(Options.Create(options), TimeProvider.System, _log);
    }

    private static OutgoingSms Sms(string smsId = "sms-1") =>
        new(To, "[URGENCE VITALE] Demande AR-2026-00042 à valider. Répondez OK 4821", SmsCallbacks.StatusCallbackFor(PublicBaseUrl, smsId));

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
    [InlineData(21408)]
    public async Task A_permanent_refusal_is_sms_rejected_with_its_code_and_never_retried(int code)
    {
        using var gateway = Gateway();
        _twilio.AnswerNext(FakeTwilioAnswer.Error(400, code));

        var refused = await Assert.ThrowsAsync<SmsRejectedException>(() => gateway.SendAsync(Sms(), CancellationToken.None));

        Assert.Equal(code, refused.ErrorCode);
        Assert.Equal(1, _twilio.RequestCount);
        Assert.Empty(_twilio.Messages);
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
}
