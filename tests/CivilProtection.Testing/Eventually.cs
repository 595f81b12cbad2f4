using System.Diagnostics;
using Xunit;

namespace CivilProtection.Testing;

/// <summary>Waits in real time, bounded, for what happens on other threads (an HTTP answer, a relay's clean-up, a retry asking for its slot).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, patience);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var limit = patience ?? DefaultPatience;
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < limit, $"Still waiting after {limit.TotalSeconds:0.#} s: {what}.");
            await Task.Delay(10);
        }
    }
}
