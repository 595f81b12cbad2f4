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
/// configured number), with the status callback the caller gives. Retries what Twilio may accept later, then gives
/// up with <see cref="SmsUnavailableException"/>; what Twilio refuses for good is <see cref="SmsRejectedException"/>
/// at once. Logs numbers masked, never the text or a secret.
/// </summary>
public sealed class TwilioSmsGateway : ISmsGateway, IDisposable
{
    private readonly TwilioOptions _options;
    private readonly TwilioRestClient _client;
    private readonly System.Net.Http.HttpClient _http;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger<TwilioSmsGateway> _logger;

    public TwilioSmsGateway(IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioSmsGateway> logger)
    {
        _options = options.Value;
        _logger = logger;
        (_client, _http) = TwilioClients.Create(_options);
        _retry = TwilioRetryPipeline.Build(_options.Retry, time, logger);
    }

    public async Task<SmsReceipt> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var to = PhoneMask.Mask(sms.To);
        try
        {
            var message = await _retry.ExecuteAsync(async token => await SendOnceAsync(sms, token), cancellationToken);
            _logger.LogInformation("SMS to {To} accepted by Twilio as {MessageSid} ({Status}).", to, message.Sid, message.Status);
            return new SmsReceipt(message.Sid, message.Status?.ToString() ?? "queued");
        }
        catch (TwilioSendFailure failure) when (failure.Kind == TwilioFailureKind.Rejected)
        {
            _logger.LogWarning("Twilio refused the SMS to {To} for good: error {ErrorCode} ({Meaning}).", to, failure.ErrorCode, TwilioErrorCodes.Meaning(failure.ErrorCode));
            throw new SmsRejectedException(failure.ErrorCode, $"Twilio refused the SMS: error {failure.ErrorCode} ({TwilioErrorCodes.Meaning(failure.ErrorCode)}).");
        }
        catch (TwilioSendFailure failure) when (failure.Kind == TwilioFailureKind.Refused)
        {
            _logger.LogError("Twilio refused our credentials or account ({Status}, error {ErrorCode}): check CivilProtection:Twilio.", failure.HttpStatus, failure.ErrorCode);
            throw new SmsUnavailableException("Twilio refused the account's credentials; the SMS was not sent.", failure);
        }
        catch (TwilioSendFailure failure)
        {
            _logger.LogWarning("Twilio stayed unavailable for the SMS to {To} after {Attempts} attempts: {Reason}", to, _options.Retry.MaxAttempts, failure.Message);
            throw new SmsUnavailableException("Twilio stayed unavailable; the SMS was not sent.", failure);
        }
    }

    private async Task<MessageResource> SendOnceAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
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
    }

    private CreateMessageOptions Options(OutgoingSms sms)
    {
        var options = new CreateMessageOptions(new PhoneNumber(sms.To))
        {
            Body = sms.Body,
            StatusCallback = sms.StatusCallback,
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

    public void Dispose() => _http.Dispose();
}
