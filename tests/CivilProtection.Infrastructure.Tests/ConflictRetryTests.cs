using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>The one policy for optimistic-concurrency conflicts: it retries a conflict, and nothing else, up to its limit.</summary>
public sealed class ConflictRetryTests
{
    [Fact]
    public async Task A_change_that_conflicts_until_its_last_attempt_succeeds_then()
    {
        var calls = 0;

        var result = await ConflictRetry.Conflicts.ExecuteAsync(_ =>
            ++calls < ConflictRetry.MaxAttempts ? throw new ConcurrentChangeException("raced") : ValueTask.FromResult("written"), CancellationToken.None);

        Assert.Equal("written", result);
        Assert.Equal(ConflictRetry.MaxAttempts, calls);
    }

    [Fact]
    public async Task A_change_that_always_conflicts_gives_up_after_the_limit_with_the_conflict()
    {
        var calls = 0;

        await Assert.ThrowsAsync<ConcurrentChangeException>(async () =>
            await ConflictRetry.Conflicts.ExecuteAsync<int>(_ => { calls++; throw new ConcurrentChangeException("raced"); }, CancellationToken.None));

        Assert.Equal(ConflictRetry.MaxAttempts, calls);
    }

    [Fact]
    public async Task Anything_but_a_conflict_is_not_retried()
    {
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await ConflictRetry.Conflicts.ExecuteAsync<int>(_ => { calls++; throw new InvalidOperationException("bug"); }, CancellationToken.None));
        await Assert.ThrowsAsync<Azure.RequestFailedException>(async () =>
            await ConflictRetry.On<Azure.RequestFailedException>(ex => ex.Status is 409 or 412).ExecuteAsync<int>(_ => { calls++; throw new Azure.RequestFailedException(404, "gone"); }, CancellationToken.None));

        Assert.Equal(2, calls);
    }
}
