using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The retry around each send: what Twilio may accept later (429, 5xx, no answer, a timeout) is tried again after
/// an exponentially growing, jittered delay, so many senders backing off at once do not return in step.
/// </summary>
internal static class TwilioRetryPipeline
{
    public static ResiliencePipeline Build(TwilioRetryOptions options, TimeProvider time, ILogger logger) =>
        // One attempt in all means no retry: Polly's retry strategy needs at least one retry, so there is none.
        options.MaxAttempts <= 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TwilioSendFailure>(f => f.Kind == TwilioFailureKind.Transient),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    var failure = args.Outcome.Exception as TwilioSendFailure;
                    logger.LogWarning("Twilio send attempt {Attempt} failed ({Status}, error {ErrorCode}); retrying in {Delay}.",
                        args.AttemptNumber + 1, failure?.HttpStatus?.ToString() ?? "no answer", failure?.ErrorCode, args.RetryDelay);
                    return default;
                },
            })
            .Build();
}
