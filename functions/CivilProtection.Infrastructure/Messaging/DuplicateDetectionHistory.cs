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

    /// <summary>Whether the id was accepted within the window; records nothing.</summary>
    public bool Contains(string messageId, DateTimeOffset now)
    {
        if (window <= TimeSpan.Zero)
        {
            return false;
        }

        Prune(now);
        return _acceptedAt.ContainsKey(messageId);
    }

    /// <summary>Remembers an id accepted earlier (read back from a journal), unless it is already outside the window.</summary>
    public void Remember(string messageId, DateTimeOffset acceptedAt, DateTimeOffset now)
    {
        if (window <= TimeSpan.Zero || now - acceptedAt >= window || _acceptedAt.ContainsKey(messageId))
        {
            return;
        }

        // Restored ids arrive oldest first (the journal is read in sequence order), so the queue stays ordered by age.
        _acceptedAt.Add(messageId, acceptedAt);
        _byAge.Enqueue((messageId, acceptedAt));
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
