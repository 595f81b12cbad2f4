using System.Diagnostics;
using Xunit;

namespace CivilProtection.Testing;

/// <summary>Waits in real time, bounded, for what happens on other threads (an HTTP answer, a relay's clean-up, a retry asking for its slot).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(10);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, patience);

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null) =>
        TrueAsync(condition, () => what, patience);

    /// <summary>
    /// The same, for a condition that costs calls of its own: tried every <paramref name="poll"/>, and <paramref name="what"/>
    /// asked, when the patience runs out, to say what is still missing.
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? patience = null, TimeSpan? poll = null)
    {
        var limit = patience ?? DefaultPatience;
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed >= limit)
            {
                Assert.Fail($"Still waiting after {limit.TotalSeconds:0.#} s: {what()}.");
            }
            await Task.Delay(poll ?? DefaultPoll);
        }
    }
}
