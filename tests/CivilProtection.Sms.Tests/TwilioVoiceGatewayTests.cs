using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Testing;
using Microsoft.Extensions.Options;

namespace CivilProtection.Sms.Tests;

/// <summary>The voice gateway through the real Twilio SDK, its HTTP calls sent to the fake Twilio's Calls resource on loopback.</summary>
public sealed class TwilioVoiceGatewayTests : IAsyncLifetime
{
    private static readonly Uri PublicBaseUrl = new("https://cp.example.org");
    private const string To = "+33612345678";

    private FakeTwilio _twilio = null!;
    private readonly CapturingLogger<TwilioVoiceGateway> _log = new();

    public async Task InitializeAsync() => _twilio = await FakeTwilio.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private TwilioVoiceGateway Gateway(string? voiceFrom = "", string? fromNumber = null, bool useApiKey = false) => new(Options.Create(new TwilioOptions
    {
        AccountSid = _twilio.AccountSid,
        AuthToken = _twilio.AuthToken,
        ApiKeySid = useApiKey ? _twilio.ApiKeySid : null,
        ApiKeySecret = useApiKey ? _twilio.ApiKeySecret : null,
        MessagingServiceSid = _twilio.MessagingServiceSid,
        FromNumber = fromNumber,
        VoiceFromNumber = voiceFrom == "" ? _twilio.FromNumber : voiceFrom,
        PublicBaseUrl = PublicBaseUrl,
        ApiBaseUrl = _twilio.BaseUrl,
        Retry = new TwilioRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    }), TimeProvider.System, _log);

    private static OutgoingCall Call(TimeSpan? ringFor = null) =>
        new(To, VoiceCallbacks.PromptFor(PublicBaseUrl, "call-1"), VoiceCallbacks.StatusFor(PublicBaseUrl, "call-1"), ringFor ?? TimeSpan.FromSeconds(45));

    [Fact]
    public async Task A_call_asks_Twilio_to_fetch_its_prompt_and_report_its_final_status()
    {
        using var gateway = Gateway();

        var receipt = await gateway.CallAsync(Call(), CancellationToken.None);

        var received = Assert.Single(_twilio.Calls);
        Assert.Empty(_twilio.Violations);
        Assert.Equal(received.Sid, receipt.ProviderMessageId);
        Assert.StartsWith("CA", receipt.ProviderMessageId, StringComparison.Ordinal);
        Assert.Equal("queued", receipt.Status);
        Assert.Equal(To, received.To);
        Assert.Equal(_twilio.FromNumber, received.From);
        Assert.Equal("https://cp.example.org/api/voice/prompt?call=call-1", received.Url.AbsoluteUri);
        Assert.Equal("https://cp.example.org/api/voice/status?call=call-1", received.StatusCallback!.AbsoluteUri);
        Assert.Empty(received.StatusCallbackEvents); // Twilio's default: the final status only
        Assert.Equal(45, received.Timeout);
        Assert.DoesNotContain(_log.Lines, line => line.Contains(To, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1.0, 5)]
    [InlineData(44.2, 45)]
    [InlineData(3_600.0, 600)]
    public async Task The_ring_time_is_held_to_Twilios_bounds(double seconds, int expected)
    {
        using var gateway = Gateway(useApiKey: true);

        await gateway.CallAsync(Call(TimeSpan.FromSeconds(seconds)), CancellationToken.None);

        Assert.Equal(expected, Assert.Single(_twilio.Calls).Timeout);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task An_invalid_number_is_refused_for_good_and_not_retried()
    {
        using var gateway = Gateway();
        _twilio.AnswerNextCall(FakeTwilioAnswer.Error(400, 21211));

        var refused = await Assert.ThrowsAsync<SmsRejectedException>(() => gateway.CallAsync(Call(), CancellationToken.None));

        Assert.Equal(21211, refused.ErrorCode);
        Assert.Equal(1, _twilio.RequestCount);
    }

    [Fact]
    public async Task A_busy_Twilio_is_retried_and_a_refused_account_is_not()
    {
        using var gateway = Gateway();
        _twilio.AnswerNextCall(FakeTwilioAnswer.TooManyRequests);
        await gateway.CallAsync(Call(), CancellationToken.None);
        Assert.Equal(2, _twilio.RequestCount);
        Assert.Single(_twilio.Calls);

        _twilio.AnswerNextCall(FakeTwilioAnswer.Error(401, 20003));
        await Assert.ThrowsAsync<SmsUnavailableException>(() => gateway.CallAsync(Call(), CancellationToken.None));
        Assert.Equal(3, _twilio.RequestCount);
    }

    [Theory]
    [InlineData(null, null, false)] // a Messaging Service alone places no calls
    [InlineData(null, "CivilProt", false)] // nor does an alphanumeric sender
    [InlineData(null, "+15005550006", true)] // a plain number does
    [InlineData("+15005550006", null, true)]
    public void Calls_need_a_voice_number(string? voiceFrom, string? fromNumber, bool canCall)
    {
        using var gateway = Gateway(voiceFrom, fromNumber);

        Assert.Equal(canCall, gateway.CanCall);
    }
}
