using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// The inbound ledger in the <c>Replies</c> table, beside the sender's codes and offers: partition the sender's number,
/// row <c>inbound-{MessageSid}</c>, holding the claimed targets, when they were claimed, and once completed, the effect.
/// </summary>
public sealed class TableInboundLedger(StateTables tables) : IInboundLedger
{
    private const string Prefix = "inbound-";

    // A released claim reads as claimed long ago (Table Storage keeps no date before 1601), so a retry takes it over at once.
    private static readonly DateTimeOffset Released = DateTimeOffset.UnixEpoch;

    public async Task<InboundClaim> ClaimAsync(InboundClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            var response = await tables.Replies.AddEntityAsync(Entity(claim), cancellationToken);
            return claim with { ETag = response.Headers.ETag?.ToString(), Mine = true };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindAsync(claim.From, claim.MessageSid, cancellationToken)
                ?? throw new InvalidOperationException($"Inbound SMS {claim.MessageSid} was claimed, and its claim is gone.", ex);
        }
    }

    public async Task<InboundClaim?> FindAsync(string from, string messageSid, CancellationToken cancellationToken)
    {
        var response = await tables.Replies.GetEntityIfExistsAsync<TableEntity>(TableKeys.Safe(from), Key(messageSid), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? ClaimOf(e, from, messageSid) : null;
    }

    public async Task<InboundClaim> TakeOverAsync(InboundClaim unfinished, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taken = unfinished with { ClaimedAt = now };
        return await ReplaceAsync(taken, unfinished.ETag, cancellationToken) is { } etag
            ? taken with { ETag = etag, Mine = true }
            : await FindAsync(unfinished.From, unfinished.MessageSid, cancellationToken) ?? unfinished;
    }

    public Task CompleteAsync(InboundClaim claim, ReplyEffect effect, CancellationToken cancellationToken) =>
        ReplaceAsync(claim with { Effect = effect }, claim.ETag, cancellationToken);

    public Task ReleaseAsync(InboundClaim claim, CancellationToken cancellationToken) =>
        ReplaceAsync(claim with { ClaimedAt = Released }, claim.ETag, cancellationToken);

    /// <summary>Replaces the claim if unchanged since <paramref name="etag"/>; the new tag, or null when someone else changed it first.</summary>
    private async Task<string?> ReplaceAsync(InboundClaim claim, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await tables.Replies.UpdateEntityAsync(Entity(claim), etag is null ? ETag.All : new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (TableKeys.IsConflict(ex))
        {
            return null;
        }
    }

    private static string Key(string messageSid) => Prefix + TableKeys.Safe(messageSid);

    private static TableEntity Entity(InboundClaim claim)
    {
        var entity = new TableEntity(TableKeys.Safe(claim.From), Key(claim.MessageSid))
        {
            [RowFormat.Column] = RowFormat.Current,
            ["Targets"] = JsonSerializer.Serialize(claim.Targets, TableRequestStore.Json),
            ["ClaimedAt"] = claim.ClaimedAt,
        };
        if (claim.Effect is { } effect)
        {
            entity["Outcome"] = effect.Outcome.ToString();
            entity["RequestId"] = effect.RequestId;
            entity["Reference"] = effect.Reference;
            entity["Detail"] = effect.Detail;
        }
        return entity;
    }

    private static InboundClaim ClaimOf(TableEntity e, string from, string messageSid)
    {
        var targets = JsonSerializer.Deserialize<List<ReplyTarget>>(e.GetString("Targets") ?? "[]", TableRequestStore.Json) ?? [];
        var effect = Enum.TryParse<ReplyOutcome>(e.GetString("Outcome"), out var outcome)
            ? new ReplyEffect(outcome, e.GetString("RequestId"), e.GetString("Reference")) { Detail = e.GetString("Detail") }
            : null;
        return new InboundClaim(from, messageSid, targets, e.GetDateTimeOffset("ClaimedAt") ?? Released, effect) { ETag = e.ETag.ToString() };
    }
}
