using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Testing;

namespace CivilProtection.Messaging.Tests;

/// <summary>The Azurite journal's prune: settled rows older than the window go, and a row accepted again under the same id stays.</summary>
public sealed class TableQueueJournalPruneTests
{
    private const string Queue = "approval-routing";
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static QueueJournalEntry Entry(string id, DateTimeOffset at) =>
        new(id, 1, "stage-opened", "{}", null, null, at, at, at.AddDays(14), 0, QueueJournalState.Active);

    [Fact]
    public async Task Settled_rows_older_than_the_window_are_pruned_and_a_row_accepted_again_is_kept()
    {
        var azurite = await Azurite.SharedAsync();
        var journal = new TableQueueJournal(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString), $"p{Guid.NewGuid():N}"[..12]);
        foreach (var id in new[] { "old-1", "old-2", "again" })
        {
            Assert.True(await journal.TryAcceptAsync(Queue, Entry(id, T0), Window, CancellationToken.None));
            await journal.SettleAsync(Queue, id, CancellationToken.None);
        }
        // Its window over, "again" is sent anew: the settled row is replaced by an active one.
        Assert.True(await journal.TryAcceptAsync(Queue, Entry("again", T0 + Window + TimeSpan.FromSeconds(1)), Window, CancellationToken.None));

        await journal.PruneAsync(Queue, T0 + Window, CancellationToken.None);

        var left = await journal.LoadAsync(Queue, CancellationToken.None);
        Assert.Equal(["again"], left.Select(e => e.MessageId));
        Assert.Equal(QueueJournalState.Active, left[0].State);
    }
}
