namespace CivilProtection.Testing;

/// <summary>
/// Twilio's queue, as Twilio documents it: over the sender's rate a message is not refused (no 429) but accepted and
/// queued, sent at the rate in segments, first in first out; one that waits longer than its <c>ValidityPeriod</c>
/// (36,000 s when none was given) is not sent: its status callback says <c>failed</c> with error 30036, "Validity
/// Period Expired". On with <see cref="QueuesOverRate"/>; the app then meets real Twilio's behaviour instead of 429s.
/// </summary>
public sealed partial class FakeTwilio
{
    /// <summary>Twilio's longest (and default) validity period.</summary>
    public const int DefaultValidityPeriod = 36_000;

    /// <summary>Twilio's error for a message whose validity period elapsed in the queue.</summary>
    public const int ValidityPeriodExpired = 30036;

    private readonly Queue<FakeTwilioMessage> _queue = new();
    private readonly List<FakeTwilioMessage> _sent = [];
    private readonly List<FakeTwilioMessage> _expired = [];
    private readonly CancellationTokenSource _draining = new();
    private Task? _drain;

    /// <summary>
    /// Over <see cref="RateLimitPerSecond"/>, accept and queue (as Twilio does) rather than answer 429. Messages are
    /// then sent by the fake's queue: see <see cref="SentFromQueue"/> and <see cref="ExpiredInQueue"/>.
    /// </summary>
    public bool QueuesOverRate { get; set; }

    /// <summary>The clock the queue judges validity by; a test's fake clock makes hours pass at once. Real time by default.</summary>
    public TimeProvider QueueClock { get; set; } = TimeProvider.System;

    /// <summary>Messages the queue sent (each followed by <c>sent</c> and <c>delivered</c> callbacks), in order.</summary>
    public IReadOnlyList<FakeTwilioMessage> SentFromQueue
    {
        get { lock (_gate) { return [.. _sent]; } }
    }

    /// <summary>Messages whose validity period elapsed in the queue (each followed by a <c>failed</c>/30036 callback).</summary>
    public IReadOnlyList<FakeTwilioMessage> ExpiredInQueue
    {
        get { lock (_gate) { return [.. _expired]; } }
    }

    /// <summary>Messages still waiting in the queue.</summary>
    public int Queued
    {
        get { lock (_gate) { return _queue.Count; } }
    }

    // Every accepted message goes through the queue while it is on, so the rate holds for all of them, in order.
    private void Enqueue(FakeTwilioMessage message)
    {
        lock (_gate)
        {
            _queue.Enqueue(message);
            _drain ??= Task.Run(() => DrainAsync(_draining.Token));
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            FakeTwilioMessage? head;
            lock (_gate)
            {
                _queue.TryPeek(out head);
            }
            if (head is null)
            {
                await Delay(cancellationToken);
                continue;
            }
            var waited = QueueClock.GetUtcNow() - head.ReceivedAt;
            if (waited.TotalSeconds > (head.ValidityPeriod ?? DefaultValidityPeriod))
            {
                Dequeue(_expired);
                await CallBackAsync(head, "failed", ValidityPeriodExpired, cancellationToken);
                continue;
            }
            if (!TakeRateTokens(Application.Sms.SmsSegments.Count(head.Body).Segments))
            {
                await Delay(cancellationToken);
                continue;
            }
            Dequeue(_sent);
            await CallBackAsync(head, "sent", null, cancellationToken);
            await CallBackAsync(head, "delivered", null, cancellationToken);
        }
    }

    private void Dequeue(List<FakeTwilioMessage> into)
    {
        lock (_gate)
        {
            into.Add(_queue.Dequeue());
        }
    }

    // Twilio posts its callbacks whatever becomes of them; an app that is not listening (yet, or any more) misses them.
    private async Task CallBackAsync(FakeTwilioMessage message, string status, int? errorCode, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await ReportStatusAsync(message, status, errorCode).WaitAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static Task Delay(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);

    private async Task StopQueueAsync()
    {
        await _draining.CancelAsync();
        if (_drain is { } drain)
        {
            await drain;
        }
        _draining.Dispose();
    }
}
