using System.Text.Json;
using System.Text.Json.Nodes;
using CivilProtection.FunctionsHostDouble.Protocol;
using CivilProtection.FunctionsHostDouble.Worker;

namespace CivilProtection.FunctionsHostDouble.Timers;

/// <summary>
/// Fires timer functions: each on its own loop when the double runs on schedule (the next occurrence counted from
/// when the last firing ended, so firings of one timer never overlap, as the host's singleton timers), or once when a
/// test asks. Each firing is an <c>InvocationRequest</c> whose timer input is the <c>TimerInfo</c> JSON the host sends.
/// </summary>
internal sealed class TimerFiring(WorkerChannel channel, WorkerLog log)
{
    private readonly Dictionary<string, SemaphoreSlim> _oneAtATime = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    /// <summary>Runs every timer on its schedule until <paramref name="stopping"/> is cancelled.</summary>
    public Task RunAsync(IEnumerable<(LoadedFunction Function, CronSchedule Schedule)> timers, CancellationToken stopping) =>
        Task.WhenAll(timers.Select(t => LoopAsync(t.Function, t.Schedule, stopping)));

    /// <summary>Fires <paramref name="function"/> now and waits for its <c>InvocationResponse</c>.</summary>
    public async Task<InvocationResponse> FireAsync(LoadedFunction function, CronSchedule schedule, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_oneAtATime)
        {
            gate = _oneAtATime.TryGetValue(function.Name, out var existing) ? existing : _oneAtATime[function.Name] = new SemaphoreSlim(1, 1);
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = DateTimeOffset.UtcNow;
            DateTimeOffset? last;
            lock (_last)
            {
                last = _last.TryGetValue(function.Name, out var l) ? l : null;
                _last[function.Name] = now;
            }
            var invocation = Invocations.New(function, Guid.NewGuid().ToString());
            invocation.InputData.Add(new ParameterBinding
            {
                Name = function.Trigger.BindingName,
                Data = new TypedData { Json = Payload(schedule, last, now) },
            });
            var response = await channel.InvokeAsync(invocation, cancellationToken);
            if (response.Result?.Status != StatusResult.Types.Status.Success)
            {
                log.Host($"Timer {function.Name} failed: {response.Result?.Exception?.Message}");
            }
            return response;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The timer input as the host serialises TimerInfo: the schedule status (last, next, last updated) and whether
    /// this firing is past due. The double is never late on purpose, so IsPastDue is false.
    /// </summary>
    internal static string Payload(CronSchedule schedule, DateTimeOffset? last, DateTimeOffset now) => new JsonObject
    {
        ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
        ["ScheduleStatus"] = new JsonObject
        {
            ["Last"] = (last ?? DateTimeOffset.MinValue).UtcDateTime.ToString("O"),
            ["Next"] = schedule.Next(now).UtcDateTime.ToString("O"),
            ["LastUpdated"] = now.UtcDateTime.ToString("O"),
        },
        ["IsPastDue"] = false,
    }.ToJsonString(new JsonSerializerOptions());

    private async Task LoopAsync(LoadedFunction function, CronSchedule schedule, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wait = schedule.Next(DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow;
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stopping);
                await FireAsync(function, schedule, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (InvalidOperationException ex)
            {
                // The worker's stream ended; the double is stopping or the worker died, and the next start says which.
                log.Host($"Timer {function.Name} could not fire: {ex.Message}");
                return;
            }
        }
    }
}
