using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Places notices' voice calls through Twilio's Calls API with the official SDK, from
/// <see cref="TwilioOptions.CallerNumber"/>: Twilio fetches the TwiML from the call's prompt URL when it is answered
/// and posts the call's final status to its status callback. Retries and failures as the SMS gateway handles them.
/// </summary>
public sealed class TwilioVoiceGateway : IVoiceGateway, IDisposable
{
    private readonly TwilioOptions _options;
    private readonly TwilioRequest _twilio;
    private readonly ILogger<TwilioVoiceGateway> _logger;

    public TwilioVoiceGateway(IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioVoiceGateway> logger)
        : this(options, time, logger, observer: null)
    {
    }

    /// <summary>Tests: with a handler on the wire under the SDK, that sees every request and Twilio's answer to it.</summary>
    internal TwilioVoiceGateway(IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioVoiceGateway> logger, DelegatingHandler? observer)
    {
        _options = options.Value;
        _logger = logger;
        _twilio = new TwilioRequest(_options, time, logger, observer);
        if (_options.CallerNumber is null)
        {
            logger.LogWarning("No voice number is configured (CivilProtection:Twilio:VoiceFromNumber): life-safety notices will not ring, only send SMS.");
        }
    }

    public bool CanCall => _options.CallerNumber is not null;

    public async Task<SmsReceipt> CallAsync(OutgoingCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var from = _options.CallerNumber ?? throw new InvalidOperationException("No voice number is configured; CanCall is false.");
        var placed = await _twilio.RunAsync(call.To, "call", _ => Task.CompletedTask,
            client => CallResource.CreateAsync(new CreateCallOptions(new PhoneNumber(call.To), new PhoneNumber(from))
            {
                Url = call.Prompt,
                Method = Twilio.Http.HttpMethod.Post,
                StatusCallback = call.StatusCallback,
                StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
                // No StatusCallbackEvent: Twilio's default, "completed" alone, carries the final status (completed,
                // busy, no-answer, failed, canceled), which is all the timeline records.
                Timeout = RingSeconds(call.RingFor),
            }, client), cancellationToken);
        _logger.LogInformation("Call to {To} accepted by Twilio as {CallSid} ({Status}).", PhoneMask.Mask(call.To), placed.Sid, placed.Status);
        return new SmsReceipt(placed.Sid, placed.Status?.ToString() ?? "queued");
    }

    /// <summary>Twilio's bounds for <c>Timeout</c>: 5 to 600 seconds of ringing.</summary>
    internal static int RingSeconds(TimeSpan ringFor) => (int)Math.Clamp(Math.Ceiling(ringFor.TotalSeconds), 5, 600);

    public void Dispose() => _twilio.Dispose();
}
