using System.Collections.Concurrent;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// What the sandbox does a moment after answering, as Twilio would (a delivery report, answering a call): run in the
/// background, tracked, and cancelled and awaited when the app stops, as Twilio would not call back a stopped app.
/// </summary>
internal sealed class SandboxBackground : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private int _disposed;

    /// <summary>Starts <paramref name="work"/> with the token that says the app is stopping.</summary>
    public void Run(Func<CancellationToken, Task> work)
    {
        var task = work(_stopping.Token);
        _running.TryAdd(task, true);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for what is still running.</summary>
    public Task WhenDoneAsync() => Task.WhenAll(_running.Keys);

    public async ValueTask DisposeAsync()
    {
        // Its owner may be disposed twice (registered as itself and as an interface).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        await WhenDoneAsync();
        _stopping.Dispose();
    }
}
