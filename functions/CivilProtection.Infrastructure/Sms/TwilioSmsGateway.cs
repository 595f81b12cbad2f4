using CivilProtection.Application.Sms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Sends SMS through Twilio's Messages API with the official SDK: through the Messaging Service (or from the
/// configured number), with the status callback the caller gives. Paced to <see cref="TwilioOptions.MessagesPerSecond"/>
/// when set (every attempt waits for a slot, pages first). Retries what Twilio may accept later, then gives up with
/// <see cref="SmsUnavailableException"/>; what Twilio refuses for good is <see cref="SmsRejectedException"/> at once.
/// Logs numbers masked, never the text or a secret.
/// </summary>
public sealed class TwilioSmsGateway : ISmsGateway, IDisposable
{
    private readonly TwilioOptions _options;
    private readonly TwilioRequest _twilio;
    private readonly TwilioSendPacer? _pacer;
    private readonly ILogger<TwilioSmsGateway> _logger;

    public TwilioSmsGateway(IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioSmsGateway> logger)
        : this(options, time, logger, observer: null)
    {
    }

    /// <summary>Tests: with a handler on the wire under the SDK, that sees every request and Twilio's answer to it.</summary>
    internal TwilioSmsGateway(IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioSmsGateway> logger, DelegatingHandler? observer)
    {
        _options = options.Value;
        _logger = logger;
        _twilio = new TwilioRequest(_options, time, logger, observer);
        if (_options.MessagesPerSecond is { } rate)
        {
            _pacer = new TwilioSendPacer(rate, time);
            logger.LogInformation("Twilio sends are paced to {Rate} a second on this instance, pages first.", rate);
        }
    }

    /// <summary>The pacer of this gateway's sends; null without <see cref="TwilioOptions.MessagesPerSecond"/>.</summary>
    internal TwilioSendPacer? Pacer => _pacer;

    public async Task<SmsReceipt> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var message = await _twilio.RunAsync(sms.To, "SMS",
            token => _pacer is null ? Task.CompletedTask : _pacer.WaitForSlotAsync(sms.Priority, token, SmsSegments.Count(sms.Body).Segments),
            client => MessageResource.CreateAsync(Options(sms), client), cancellationToken);
        _logger.LogInformation("SMS to {To} accepted by Twilio as {MessageSid} ({Status}).", PhoneMask.Mask(sms.To), message.Sid, message.Status);
        return new SmsReceipt(message.Sid, message.Status?.ToString() ?? "queued");
    }

    /// <summary>Twilio's bounds: 1 to 36,000 seconds; it advises more than 5.</summary>
    internal const int MinValidityPeriod = 5;
    internal const int MaxValidityPeriod = 36_000;

    internal static int? ValidityPeriodOf(TimeSpan? validFor) =>
        validFor is { } span ? (int)Math.Clamp(Math.Ceiling(span.TotalSeconds), MinValidityPeriod, MaxValidityPeriod) : null;

    private CreateMessageOptions Options(OutgoingSms sms)
    {
        var options = new CreateMessageOptions(new PhoneNumber(sms.To))
        {
            Body = sms.Body,
            StatusCallback = sms.StatusCallback,
            ValidityPeriod = ValidityPeriodOf(sms.ValidFor),
        };
        // A Messaging Service picks the sender from its pool and handles STOP/opt-outs; a bare number is the fallback.
        if (!string.IsNullOrEmpty(_options.MessagingServiceSid))
        {
            options.MessagingServiceSid = _options.MessagingServiceSid;
        }
        else
        {
            options.From = new PhoneNumber(_options.FromNumber);
        }
        return options;
    }

    public void Dispose()
    {
        _pacer?.Dispose();
        _twilio.Dispose();
    }
}
