using CivilProtection.FunctionsHostDouble;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The answer-before-workflow hand-off in the Functions app: with no timer ever firing (no pump tick, no outbox sweep),
/// a filing reaches the approver's inbox only if its answer's completion, in the worker, released the hold on its
/// outbox and the drain after the change handled it. (That nothing is sent before the answer is proved on the local
/// host by <see cref="AnswerFirstTests"/>, where the answer can be paused; the hold is the same code in both.)
/// </summary>
public sealed class FunctionsAnswerFirstTests
{
    [Fact]
    public async Task A_filing_s_workflow_is_handed_off_by_its_answer_in_the_worker_and_runs_with_no_timer_tick()
    {
        await using var app = await FunctionsAppHost.StartAsync(configure: options => options with { Timers = TimerMode.OnDemand });

        var filed = await app.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        var item = await app.ClientFor("ma-approver").WaitForInboxItemAsync(Api.Id(filed), 0, TimeSpan.FromSeconds(10));

        Assert.Equal(Api.Id(filed), (string)item["requestId"]!);
    }
}
