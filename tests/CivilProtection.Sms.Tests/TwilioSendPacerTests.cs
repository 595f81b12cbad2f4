using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Sms;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Sms.Tests;

/// <summary>The pacer of Twilio sends, on a fake clock: slots one interval apart, pages first, cancellation.</summary>
public sealed class TwilioSendPacerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TwilioSendPacer _pacer;

    public TwilioSendPacerTests() => _pacer = new TwilioSendPacer(10, _clock);

    public void Dispose() => _pacer.Dispose();

    private Task Slot(SmsPriority priority = SmsPriority.Dispatch, CancellationToken cancellationToken = default) =>
        _pacer.WaitForSlotAsync(priority, cancellationToken);

    private static int Granted(IEnumerable<Task> waits) => waits.Count(w => w.IsCompletedSuccessfully);

    [Fact]
    public void Ten_a_second_is_one_slot_every_hundred_milliseconds()
    {
        using var four = new TwilioSendPacer(4, _clock);
        using var three = new TwilioSendPacer(3, _clock);

        Assert.Equal(Interval, _pacer.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), four.Interval);
        // Rounded up: never faster than the rate.
        Assert.Equal(TimeSpan.FromTicks(3_333_334), three.Interval);
    }

    [Fact]
    public void Calls_at_the_same_instant_are_spaced_one_interval_apart()
    {
        var waits = Enumerable.Range(0, 4).Select(_ => Slot()).ToList();

        Assert.Equal(1, Granted(waits));
        Assert.Equal(3, _pacer.Waiting);

        _clock.Advance(Interval - TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, Granted(waits));

        _clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(2, Granted(waits));

        _clock.Advance(Interval);
        Assert.Equal(3, Granted(waits));

        _clock.Advance(Interval);
        Assert.Equal(4, Granted(waits));
        Assert.Equal(0, _pacer.Waiting);
    }

    [Fact]
    public void A_call_takes_as_many_slots_as_its_sms_has_segments()
    {
        var threeSegments = _pacer.WaitForSlotAsync(SmsPriority.Dispatch, CancellationToken.None, segments: 3);
        var next = Slot();

        Assert.True(threeSegments.IsCompletedSuccessfully);
        _clock.Advance(Interval * 3 - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_quiet_spell_is_not_saved_up_for_a_burst()
    {
        Assert.True(Slot().IsCompletedSuccessfully);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var first = Slot();
        var second = Slot();

        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        _clock.Advance(Interval);
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_page_asking_behind_many_dispatch_offers_gets_the_next_slot()
    {
        Assert.True(Slot().IsCompletedSuccessfully);
        var offers = Enumerable.Range(0, 300).Select(_ => Slot(SmsPriority.Dispatch)).ToList();
        var page = Slot(SmsPriority.Paging);

        _clock.Advance(Interval);

        Assert.True(page.IsCompletedSuccessfully, "The page waited behind the dispatch offers.");
        Assert.Equal(0, Granted(offers));

        _clock.Advance(Interval);
        Assert.True(offers[0].IsCompletedSuccessfully, "After the page, the oldest offer goes first.");
        Assert.Equal(1, Granted(offers));
    }

    [Fact]
    public void Pages_go_in_the_order_they_asked()
    {
        Assert.True(Slot().IsCompletedSuccessfully);
        var pages = Enumerable.Range(0, 3).Select(_ => Slot(SmsPriority.Paging)).ToList();

        _clock.Advance(Interval);
        Assert.Equal([true, false, false], pages.Select(p => p.IsCompletedSuccessfully));
        _clock.Advance(Interval);
        Assert.Equal([true, true, false], pages.Select(p => p.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_line_and_its_slot_goes_to_the_next()
    {
        Assert.True(Slot().IsCompletedSuccessfully);
        using var cancel = new CancellationTokenSource();
        var cancelled = Slot(SmsPriority.Paging, cancel.Token);
        var next = Slot(SmsPriority.Dispatch);
        Assert.Equal(2, _pacer.Waiting);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, _pacer.Waiting);
        _clock.Advance(Interval);
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_already_cancelled_call_does_not_wait_or_take_a_slot()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Slot(cancellationToken: cancel.Token));

        Assert.Equal(0, _pacer.Waiting);
        Assert.True(Slot().IsCompletedSuccessfully, "The cancelled call took the slot.");
    }

    [Fact]
    public async Task Disposing_the_pacer_cancels_every_waiting_call()
    {
        Assert.True(Slot().IsCompletedSuccessfully);
        var waits = Enumerable.Range(0, 3).Select(_ => Slot()).ToList();

        _pacer.Dispose();

        foreach (var wait in waits)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }
        Assert.Throws<ObjectDisposedException>(() => { _ = Slot(); });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(double.NaN)]
    public void A_rate_outside_the_allowed_range_is_refused(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwilioSendPacer(rate, _clock));
    }
}
