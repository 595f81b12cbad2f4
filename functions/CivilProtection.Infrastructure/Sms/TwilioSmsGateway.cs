using CivilProtection.Application.Sms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Twilio.Clients;
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
    private readonly TwilioRestClient _client;
    private readonly System.Net.Http.HttpClient _http;
    private readonly ResiliencePipeline _retry;
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
        (_client, _http) = TwilioClients.Create(_options, observer);
        _retry = TwilioRetryPipeline.Build(_options.Retry, time, logger);
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
        var to = PhoneMask.Mask(sms.To);
        var progress = new SendProgress();
        try
        {
            var message = await _retry.ExecuteAsync(async token => await SendOnceAsync(sms, progress, token), cancellationToken);
            _logger.LogInformation("SMS to {To} accepted by Twilio as {MessageSid} ({Status}).", to, message.Sid, message.Status);
            return new SmsReceipt(message.Sid, message.Status?.ToString() ?? "queued");
        }
        catch (OperationCanceledException cancelled) when (!progress.MayHaveReachedTwilio)
        {
            // Stopped while waiting for a slot, or between retries after plain refusals: certainly not sent.
            _logger.LogInformation("Sending the SMS to {To} was stopped before it reached Twilio; not sent.", to);
            throw new SmsUnavailableException("Sending was stopped before the SMS reached Twilio; it was not sent.", cancelled);
        }
        catch (TwilioSendFailure failure) when (failure.Kind == TwilioFailureKind.Rejected)
        {
            _logger.LogWarning("Twilio refused the SMS to {To} for good: error {ErrorCode} ({Meaning}).", to, failure.ErrorCode, TwilioErrorCodes.Meaning(failure.ErrorCode));
            throw new SmsRejectedException(failure.ErrorCode, $"Twilio refused the SMS: error {failure.ErrorCode} ({TwilioErrorCodes.Meaning(failure.ErrorCode)}).");
        }
        catch (TwilioSendFailure failure) when (failure.Kind == TwilioFailureKind.Refused)
        {
            _logger.LogError("Twilio refused our credentials, account or sender ({Status}, error {ErrorCode}: {Meaning}): check CivilProtection:Twilio and the Messaging Service.",
                failure.HttpStatus, failure.ErrorCode, TwilioErrorCodes.Meaning(failure.ErrorCode));
            throw new SmsUnavailableException("Twilio refused the account, its credentials or its sender; the SMS was not sent.", failure);
        }
        catch (TwilioSendFailure failure)
        {
            _logger.LogWarning("Twilio stayed unavailable for the SMS to {To} after {Attempts} attempts: {Reason}", to, _options.Retry.MaxAttempts, failure.Message);
            throw new SmsUnavailableException("Twilio stayed unavailable; the SMS was not sent.", failure);
        }
    }

    private async Task<MessageResource> SendOnceAsync(OutgoingSms sms, SendProgress progress, CancellationToken cancellationToken)
    {
        if (_pacer is not null)
        {
            await _pacer.WaitForSlotAsync(sms.Priority, cancellationToken, SmsSegments.Count(sms.Body).Segments);
        }
        var attempt = TwilioAttempt.Begin(cancellationToken);
        try
        {
            return await MessageResource.CreateAsync(Options(sms), _client);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TwilioSendFailure.From(ex, attempt.StatusCode) is { } failure)
        {
            throw failure;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The SDK wraps our cancellation in its connection exception; callers expect the usual one.
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            // No answer (a timeout, a lost connection, a cancelled call): Twilio may have taken the message.
            progress.MayHaveReachedTwilio |= attempt.StatusCode is null;
        }
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
        _http.Dispose();
    }

    /// <summary>What one send's attempts so far allow us to say.</summary>
    private sealed class SendProgress
    {
        /// <summary>An attempt went out without an answer, so the SMS may have been sent.</summary>
        public bool MayHaveReachedTwilio { get; set; }
    }
}
