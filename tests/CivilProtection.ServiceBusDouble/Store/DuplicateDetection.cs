namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>The message ids an entity accepted within its duplicate-detection window, oldest first so pruning is cheap.</summary>
/// <remarks>Not thread-safe: the owning entity calls it under its lock.</remarks>
internal sealed class DuplicateDetection(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _acceptedAt = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset AcceptedAt)> _byAge = new();

    /// <summary>Records the id and returns true, or returns false when the same id was accepted within the window.</summary>
    public bool TryAccept(string? messageId, DateTimeOffset now)
    {
        // Service Bus detects duplicates only on queues that ask for it, and only for messages that carry an id.
        if (window <= TimeSpan.Zero || messageId is null)
        {
            return true;
        }

        while (_byAge.TryPeek(out var oldest) && now - oldest.AcceptedAt >= window)
        {
            _byAge.Dequeue();
            _acceptedAt.Remove(oldest.MessageId);
        }

        if (!_acceptedAt.TryAdd(messageId, now))
        {
            return false;
        }

        _byAge.Enqueue((messageId, now));
        return true;
    }
}
