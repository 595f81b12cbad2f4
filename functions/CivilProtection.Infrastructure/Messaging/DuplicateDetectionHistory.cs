namespace CivilProtection.Infrastructure.Messaging;

/// <summary>The message ids a queue accepted within its duplicate-detection window, oldest first so pruning is cheap.</summary>
/// <remarks>Not thread-safe: the owning queue calls it under its lock.</remarks>
internal sealed class DuplicateDetectionHistory(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _acceptedAt = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset AcceptedAt)> _byAge = new();

    /// <summary>Records the id and returns true, or returns false when the same id was accepted within the window.</summary>
    public bool TryAccept(string messageId, DateTimeOffset now)
    {
        if (window <= TimeSpan.Zero)
        {
            return true;
        }

        Prune(now);
        if (_acceptedAt.ContainsKey(messageId))
        {
            return false;
        }

        _acceptedAt.Add(messageId, now);
        _byAge.Enqueue((messageId, now));
        return true;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_byAge.TryPeek(out var oldest) && now - oldest.AcceptedAt >= window)
        {
            _byAge.Dequeue();
            _acceptedAt.Remove(oldest.MessageId);
        }
    }
}
