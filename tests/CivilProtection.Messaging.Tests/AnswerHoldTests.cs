using System.Collections.Concurrent;
using CivilProtection.Application.Outbox;

namespace CivilProtection.Messaging.Tests;

/// <summary>A person's call holds the workflow it sets off until its answer is sent; nothing else is held, and nothing is lost.</summary>
public sealed class AnswerHoldTests
{
    [Fact]
    public void Outside_a_held_call_a_hand_off_runs_at_once()
    {
        var ran = new List<int>();

        AnswerHold.AfterAnswer(() => ran.Add(1));

        Assert.Equal([1], ran);
    }

    [Fact]
    public async Task In_a_held_call_hand_offs_wait_for_the_release_and_then_run_in_order()
    {
        var ran = new List<int>();

        var hold = await HeldCallAsync(async _ =>
        {
            AnswerHold.AfterAnswer(() => ran.Add(1));
            await Task.Yield();
            AnswerHold.AfterAnswer(() => ran.Add(2));
        });
        Assert.Empty(ran);

        hold.Release();
        Assert.Equal([1, 2], ran);
        hold.Release();
        Assert.Equal([1, 2], ran);
    }

    [Fact]
    public async Task The_hold_stays_with_its_call_and_a_hand_off_after_the_release_runs_at_once()
    {
        var ran = new List<string>();

        await HeldCallAsync(hold =>
        {
            hold.Release();
            AnswerHold.AfterAnswer(() => ran.Add("after the answer"));
            return Task.CompletedTask;
        });
        Assert.Equal(["after the answer"], ran);

        await HeldCallAsync(_ => Task.CompletedTask);
        AnswerHold.AfterAnswer(() => ran.Add("the caller's"));
        Assert.Equal(["after the answer", "the caller's"], ran);
    }

    [Fact]
    public async Task Hand_offs_racing_the_release_each_run_exactly_once()
    {
        var runs = new ConcurrentDictionary<int, int>();
        var hold = AnswerHold.Begin();
        var handOffs = Enumerable.Range(0, 2000).Select(i => Task.Run(() => AnswerHold.AfterAnswer(() => runs.AddOrUpdate(i, 1, (_, n) => n + 1))));
        var release = Task.Run(async () =>
        {
            await Task.Delay(1);
            hold.Release();
        });

        await Task.WhenAll([.. handOffs, release]);
        hold.Release();

        Assert.Equal(2000, runs.Count);
        Assert.All(runs.Values, n => Assert.Equal(1, n));
    }

    // A call as the HTTP layer makes it: holds, runs, and leaves the release to whoever sends the answer.
    private static async Task<AnswerHold> HeldCallAsync(Func<AnswerHold, Task> call)
    {
        var hold = AnswerHold.Begin();
        await call(hold);
        return hold;
    }
}
