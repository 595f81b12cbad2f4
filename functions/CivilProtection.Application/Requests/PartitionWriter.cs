using CivilProtection.Application.Outbox;

namespace CivilProtection.Application.Requests;

/// <summary>Commits a <see cref="PartitionChange"/> the way every change is committed: marker first, one transaction, then the relay.</summary>
public sealed class PartitionWriter(IRequestStore store, IOutboxStore outbox, OutboxRelay relay)
{
    public async Task CommitAsync(PartitionChange change, CancellationToken cancellationToken)
    {
        var sends = change.Outbox.Count > 0 || change.Request?.Value.NewMessages.Count > 0;
        if (sends)
        {
            await outbox.MarkPendingAsync(change.RequestId, cancellationToken);
        }
        await store.CommitAsync(change, cancellationToken);
        if (sends)
        {
            relay.PublishSoon(change.RequestId);
        }
    }
}
