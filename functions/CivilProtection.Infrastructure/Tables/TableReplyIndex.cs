using Azure.Data.Tables;
using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>The reply index in Table Storage: one partition per mobile number, rows <c>code-{code}-{notice}</c> and <c>offer-{request}</c>.</summary>
public sealed class TableReplyIndex(StateTables tables, TimeProvider clock) : IReplyIndex
{
    public Task RememberCodeAsync(string mobile, string code, string requestId, string noticeId, CancellationToken cancellationToken) =>
        tables.Replies.UpsertEntityAsync(new TableEntity(TableKeys.Safe(mobile), TableKeys.Safe($"code-{code}-{requestId}-{noticeId}"))
        {
            [RowFormat.Column] = RowFormat.Current,
            ["RequestId"] = requestId,
            ["NoticeId"] = noticeId,
            ["At"] = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<AwaitedReply>> FindCodeAsync(string mobile, string code, CancellationToken cancellationToken) =>
        await QueryAsync(mobile, $"code-{code}-", cancellationToken);

    public Task RememberOfferAsync(string mobile, string requestId, string personId, CancellationToken cancellationToken) =>
        tables.Replies.UpsertEntityAsync(new TableEntity(TableKeys.Safe(mobile), $"offer-{requestId}")
        {
            [RowFormat.Column] = RowFormat.Current,
            ["RequestId"] = requestId,
            ["PersonId"] = personId,
            ["Status"] = "asked",
            ["At"] = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<AwaitedReply>> ListOffersAsync(string mobile, CancellationToken cancellationToken) =>
        (await QueryAsync(mobile, "offer-", cancellationToken)).Where(r => r.Status == "asked").ToList();

    // Asked as well as accepted: the acceptance is marked here after the dispatch commits it, and the dispatch decides.
    public async Task<IReadOnlyList<AwaitedReply>> ListMissionsAsync(string mobile, CancellationToken cancellationToken) =>
        (await QueryAsync(mobile, "offer-", cancellationToken)).Where(r => r.Status is "asked" or "accepted").ToList();

    public async Task SetOfferAsync(string mobile, string requestId, string? status, CancellationToken cancellationToken)
    {
        if (status is null)
        {
            await tables.Replies.DeleteEntityAsync(TableKeys.Safe(mobile), $"offer-{requestId}", Azure.ETag.All, cancellationToken);
            return;
        }
        await tables.Replies.UpsertEntityAsync(new TableEntity(TableKeys.Safe(mobile), $"offer-{requestId}") { ["Status"] = status }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<bool> IsCommittedAsync(string mobile, CancellationToken cancellationToken) =>
        (await QueryAsync(mobile, "offer-", cancellationToken)).Any(r => r.Status is "asked" or "accepted");

    private async Task<List<AwaitedReply>> QueryAsync(string mobile, string prefix, CancellationToken cancellationToken)
    {
        var replies = new List<AwaitedReply>();
        await foreach (var e in tables.Replies.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(TableKeys.Safe(mobile), prefix), cancellationToken: cancellationToken))
        {
            replies.Add(new AwaitedReply(e.GetString("RequestId"), e.GetString("NoticeId"), e.GetString("PersonId"), e.GetString("Status"), e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        }
        return replies.OrderByDescending(r => r.At).ToList();
    }
}
