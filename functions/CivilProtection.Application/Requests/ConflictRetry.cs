using Polly;
using Polly.Retry;

namespace CivilProtection.Application.Requests;

/// <summary>
/// The one policy for optimistic-concurrency conflicts. A change reads, decides and writes guarded by what it read
/// (an ETag, an insert-if-absent); when another writer came between, the write fails and the whole read-decide-write
/// runs again, up to <see cref="MaxAttempts"/> times, after a short jittered exponential backoff, so writers that
/// collided spread out instead of colliding again in step. What to do when a conflict means "someone else already
/// did it" stays in the callback: it returns instead of throwing.
/// </summary>
public static class ConflictRetry
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 8;

    /// <summary>The first retry's delay, doubled at each next one (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(2);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Retries on <see cref="ConcurrentChangeException"/>.</summary>
    public static ResiliencePipeline Conflicts { get; } = On<ConcurrentChangeException>();

    /// <summary>Retries on <typeparamref name="TException"/> when <paramref name="isConflict"/> says it is one (a 409 or 412 from storage).</summary>
    public static ResiliencePipeline On<TException>(Func<TException, bool>? isConflict = null) where TException : Exception =>
        new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TException>(ex => isConflict?.Invoke(ex) ?? true),
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = FirstDelay,
            MaxDelay = MaxDelay,
        }).Build();
}
