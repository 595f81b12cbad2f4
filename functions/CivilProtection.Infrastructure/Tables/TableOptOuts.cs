using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Opt-outs in the people table, one partition per number (<c>optout-{mobile}</c>): its current state (row
/// <c>state</c>) and every change (rows <c>change-{key}</c>), written in one transaction, so a change is applied once
/// and the state is never ahead of or behind its history.
/// </summary>
public sealed class TableOptOuts(StateTables tables) : IOptOuts
{
    private const string StateRow = "state";
    private const string ChangePrefix = "change-";
    private static readonly Polly.ResiliencePipeline Conflicts = ConflictRetry.On<TableTransactionFailedException>(ex => ex.Status is 409 or 412);

    public async Task<bool> RecordAsync(OptOutChange change, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(change.Mobile);
        var changeRow = new TableEntity(partition, TableKeys.Safe(ChangePrefix + change.Key))
        {
            [RowFormat.Column] = RowFormat.Current,
            ["OptedOut"] = change.OptedOut,
            ["At"] = change.At,
            ["Source"] = change.Source,
            ["Key"] = change.Key,
            ["Mobile"] = change.Mobile,
        };
        return await Conflicts.ExecuteAsync(async token =>
        {
            var current = await tables.People.GetEntityIfExistsAsync<TableEntity>(partition, StateRow, cancellationToken: token);
            var state = current.HasValue ? current.Value : null;
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, changeRow) };
            // An older change (a START replayed after a later STOP) is kept in the history but does not move the state.
            var newer = state is null || (state.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue) <= change.At;
            if (newer)
            {
                var next = new TableEntity(partition, StateRow) { [RowFormat.Column] = RowFormat.Current, ["OptedOut"] = change.OptedOut, ["At"] = change.At, ["Source"] = change.Source };
                actions.Add(state is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, next)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, state.ETag));
            }
            try
            {
                await tables.People.SubmitTransactionAsync(actions, token);
                return newer;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // This very change was recorded by an earlier call: done. Otherwise another change of the number came
                // between the read and the write, and the policy reads its state again.
                if ((await tables.People.GetEntityIfExistsAsync<TableEntity>(partition, changeRow.RowKey, cancellationToken: token)).HasValue)
                {
                    return false;
                }
                throw;
            }
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> OptedOutAsync(IReadOnlyCollection<string> mobiles, CancellationToken cancellationToken)
    {
        var distinct = mobiles.Where(m => !string.IsNullOrEmpty(m)).Distinct(StringComparer.Ordinal).ToList();
        var states = await Task.WhenAll(distinct.Select(async mobile =>
        {
            var row = await tables.People.GetEntityIfExistsAsync<TableEntity>(PartitionOf(mobile), StateRow, select: ["OptedOut", "At"], cancellationToken: cancellationToken);
            return (mobile, state: row.HasValue ? row.Value : null);
        }));
        return states.Where(s => s.state?.GetBoolean("OptedOut") == true)
            .ToDictionary(s => s.mobile, s => s.state!.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<OptOutChange>> HistoryAsync(string mobile, CancellationToken cancellationToken)
    {
        var changes = new List<OptOutChange>();
        await foreach (var e in tables.People.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(PartitionOf(mobile), ChangePrefix), cancellationToken: cancellationToken))
        {
            changes.Add(new OptOutChange(mobile, e.GetBoolean("OptedOut") == true, e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, e.GetString("Source") ?? "", e.GetString("Key") ?? ""));
        }
        return changes.OrderByDescending(c => c.At).ToList();
    }

    private static string PartitionOf(string mobile) => TableKeys.Safe("optout-" + mobile);
}
