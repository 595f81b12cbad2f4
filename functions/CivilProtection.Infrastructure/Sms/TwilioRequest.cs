using CivilProtection.Application.Sms;
using Microsoft.Extensions.Logging;
using Polly;
using Twilio.Clients;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// A gateway's way to Twilio's REST API: the SDK's client over one long-lived HTTP client, and the retry pipeline.
/// Each create call (a message, a call) runs under the retries, with what its failures mean for the caller:
/// <see cref="SmsRejectedException"/> for a refusal of this recipient, <see cref="SmsUnavailableException"/> when it
/// certainly did not go out (Twilio unavailable after retries, our account or sender refused, or stopped before
/// reaching Twilio); anything else leaves it unknown whether it went out. Logs the number masked only.
/// </summary>
internal sealed class TwilioRequest : IDisposable
{
    private readonly TwilioRestClient _client;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retry;
    private readonly int _maxAttempts;
    private readonly ILogger _logger;

    /// <param name="observer">Tests: a handler on the wire under the SDK, that sees every request and Twilio's answer to it.</param>
    public TwilioRequest(TwilioOptions options, TimeProvider time, ILogger logger, DelegatingHandler? observer)
    {
        (_client, _http) = TwilioClients.Create(options, observer);
        _retry = TwilioRetryPipeline.Build(options.Retry, time, logger);
        _maxAttempts = options.Retry.MaxAttempts;
        _logger = logger;
    }

    /// <param name="what">"SMS" or "call": how the logs name it.</param>
    /// <param name="beforeAttempt">Awaited before each attempt, a retry's too (waiting for a send slot).</param>
    public async Task<T> RunAsync<T>(string to, string what, Func<CancellationToken, Task> beforeAttempt, Func<TwilioRestClient, Task<T>> create, CancellationToken cancellationToken)
    {
        var masked = PhoneMask.Mask(to);
        var progress = new Progress();
        try
        {
            return await _retry.ExecuteAsync(async token => await OnceAsync(beforeAttempt, () => create(_client), progress, token), cancellationToken);
        }
        catch (OperationCanceledException cancelled) when (!progress.MayHaveReachedTwilio)
        {
            // Stopped while waiting for a slot, or between retries after plain refusals: certainly not sent.
            _logger.LogInformation("Sending the {What} to {To} was stopped before it reached Twilio; not sent.", what, masked);
            throw new SmsUnavailableException($"Sending was stopped before the {what} reached Twilio; it was not sent.", cancelled);
        }
        catch (TwilioSendFailure failure) when (failure.Kind == TwilioFailureKind.Rejected)
        {
            _logger.LogWarning("Twilio refused the {What} to {To} for good: error {ErrorCode} ({Meaning}).", what, masked, failure.ErrorCode, TwilioErrorCodes.Meaning(failure.ErrorCode));
            throw new SmsRejectedException(failure.ErrorCode, $"Twilio refused the {what}: error {failure.ErrorCode} ({TwilioErrorCodes.Meaning(failure.ErrorCode)}).");
        }
        catch (TwilioSendFailure failure) when (failure.Kind == TwilioFailureKind.Refused)
        {
            _logger.LogError("Twilio refused our credentials, account or sender for a {What} ({Status}, error {ErrorCode}: {Meaning}): check CivilProtection:Twilio and the Messaging Service.",
                what, failure.HttpStatus, failure.ErrorCode, TwilioErrorCodes.Meaning(failure.ErrorCode));
            throw new SmsUnavailableException($"Twilio refused the account, its credentials or its sender; the {what} was not sent.", AccountCode(failure), failure);
        }
        catch (TwilioSendFailure failure)
        {
            _logger.LogWarning("Twilio stayed unavailable for the {What} to {To} after {Attempts} attempts: {Reason}", what, masked, _maxAttempts, failure.Message);
            throw new SmsUnavailableException($"Twilio stayed unavailable; the {what} was not sent.", failure);
        }
    }

    // A 401 or 403 without a JSON body still says "our credentials": Twilio's 20003.
    private static int AccountCode(TwilioSendFailure failure) => failure.ErrorCode != 0 ? failure.ErrorCode : failure.HttpStatus is 401 or 403 ? 20003 : 20404;

    public void Dispose() => _http.Dispose();

    private static async Task<T> OnceAsync<T>(Func<CancellationToken, Task> beforeAttempt, Func<Task<T>> create, Progress progress, CancellationToken cancellationToken)
    {
        await beforeAttempt(cancellationToken);
        var attempt = TwilioAttempt.Begin(cancellationToken);
        try
        {
            return await create();
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
            // No answer (a timeout, a lost connection, a cancelled call): Twilio may have taken it.
            progress.MayHaveReachedTwilio |= attempt.StatusCode is null;
        }
    }

    /// <summary>What one request's attempts so far allow us to say.</summary>
    private sealed class Progress
    {
        /// <summary>An attempt went out without an answer, so it may have been sent.</summary>
        public bool MayHaveReachedTwilio { get; set; }
    }
}
