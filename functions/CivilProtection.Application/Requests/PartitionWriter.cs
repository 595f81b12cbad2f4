using CivilProtection.Application.Outbox;

namespace CivilProtection.Application.Requests;

/// <summary>
/// Commits a <see cref="PartitionChange"/> the way every change is committed: a marker first when the sweep needs one
/// to find what a crash left behind (<see cref="OutboxRelay.NeedsMarker"/>), one transaction, then the relay.
/// </summary>
public sealed class PartitionWriter(IRequestStore store, IOutboxStore outbox, OutboxRelay relay)
{
    public async Task CommitAsync(PartitionChange change, CancellationToken cancellationToken)
    {
        if (!change.Sends)
        {
            await store.CommitAsync(change, cancellationToken);
            return;
        }
        var marker = relay.NeedsMarker(change.RequestId) ? await outbox.MarkPendingAsync(change.RequestId, cancellationToken) : null;
        // The relay publishes the very rows the transaction wrote.
        var rows = await store.CommitAsync(change, cancellationToken);
        relay.PublishSoon(new CommittedOutbox(marker, rows));
    }
}
