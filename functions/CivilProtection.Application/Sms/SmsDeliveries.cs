using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Records what became of each SMS: handed over, delivered, failed. A failed notice SMS escalates the notice at
/// once, in the same transaction; reports arriving out of order never move a status backwards.
/// </summary>
public sealed class SmsDeliveries(IRequestStore store, NoticeDesk notices, PartitionWriter writer, TimeProvider clock)
{
    /// <summary>
    /// The provider accepted the SMS: keep its id (a status report may already have arrived). <paramref name="claimed"/>
    /// is the record as the sender claimed it, with the tag that claim got: written on without a read, and read again
    /// only if something changed it since.
    /// </summary>
    public Task RecordSentAsync(Versioned<SmsRecord> claimed, string providerMessageId, CancellationToken cancellationToken) =>
        RetryAsync(claimed.Value.SmsId, claimed, async stored =>
        {
            var sms = stored.Value;
            var status = sms.Status.Rank() >= SmsStatus.Sent.Rank() ? sms.Status : SmsStatus.Sent;
            var change = new PartitionChange(sms.RequestId);
            change.Sms.Add(new Versioned<SmsRecord>(sms with { Status = status, ProviderMessageId = providerMessageId, UpdatedAt = clock.GetUtcNow() }, stored.ETag));
            await writer.CommitAsync(change, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The SMS will not be sent (its notice no longer needs anyone): withdrawn, with the notice's line, in one
    /// transaction guarded by the ETag the sender read, so a concurrent delivery that claimed it first wins. With
    /// <paramref name="requestMovedOn"/> (why the request no longer needs the notice), the notice is resolved in it too.
    /// </summary>
    public async Task RecordWithdrawnAsync(Versioned<SmsRecord> stored, string? requestMovedOn, CancellationToken cancellationToken)
    {
        var updated = stored.Value with { Status = SmsStatus.Withdrawn, UpdatedAt = clock.GetUtcNow() };
        var change = new PartitionChange(updated.RequestId);
        change.Sms.Add(new Versioned<SmsRecord>(updated, stored.ETag));
        await notices.AddDeliveryAsync(change, updated, cancellationToken, resolving: requestMovedOn);
        await writer.CommitAsync(change, cancellationToken);
    }

    /// <summary>
    /// A delivery report (from the provider's status callback, or a refusal when sending). One that changes nothing (a
    /// status no later than the one recorded, such as a <c>sent</c> after the sender recorded the hand-over) costs the
    /// SMS's read alone. Returns the SMS as last read (null when there is no such SMS), for what the report means beyond it.
    /// </summary>
    public Task<SmsRecord?> RecordAsync(SmsStatusReport report, CancellationToken cancellationToken) =>
        RecordAsync(report, known: null, cancellationToken);

    /// <summary>The provider refused the SMS the sender had <paramref name="claimed"/> (as it wrote it, with its tag: no read first).</summary>
    public Task RecordRefusedAsync(Versioned<SmsRecord> claimed, int errorCode, CancellationToken cancellationToken) =>
        RecordAsync(new SmsStatusReport(claimed.Value.SmsId, "", WireNames.Of(SmsStatus.Rejected), errorCode), claimed, cancellationToken);

    private Task<SmsRecord?> RecordAsync(SmsStatusReport report, Versioned<SmsRecord>? known, CancellationToken cancellationToken) =>
        RetryAsync(report.SmsId, known, async stored =>
        {
            var sms = stored.Value;
            var status = Normalize(report.Status);
            if (status.Rank() <= sms.Status.Rank())
            {
                return;
            }
            var updated = sms with
            {
                Status = status,
                ProviderMessageId = string.IsNullOrEmpty(report.ProviderMessageId) ? sms.ProviderMessageId : report.ProviderMessageId,
                ErrorCode = report.ErrorCode ?? sms.ErrorCode,
                UpdatedAt = clock.GetUtcNow(),
            };
            var change = new PartitionChange(sms.RequestId);
            change.Sms.Add(new Versioned<SmsRecord>(updated, stored.ETag));
            await notices.AddDeliveryAsync(change, updated, cancellationToken);
            await writer.CommitAsync(change, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Twilio's statuses, reduced to ours: a message's, and a call's (initiated, ringing, in-progress: on its way;
    /// completed: answered; busy, no-answer: not reached).
    /// </summary>
    public static SmsStatus Normalize(string status) => status.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" or "sending" or "sent" or "initiated" or "ringing" or "in-progress" => SmsStatus.Sent,
        "delivered" or "read" or "completed" => SmsStatus.Delivered,
        "undelivered" or "busy" or "no-answer" => SmsStatus.Undelivered,
        "failed" or "canceled" => SmsStatus.Failed,
        "rejected" => SmsStatus.Rejected,
        _ => SmsStatus.Sent,
    };

    // Reports for one request race with each other and with the workflow: read again and retry on a conflict. A record
    // the caller has just written (known), else the one this process wrote last (the sender's record of the hand-over,
    // taken by the report that follows it), serves the first attempt; after a conflict it is stale, so it is read.
    private async Task<SmsRecord?> RetryAsync(string smsId, Versioned<SmsRecord>? known, Func<Versioned<SmsRecord>, Task> apply, CancellationToken cancellationToken)
    {
        var first = known ?? store.TakeRecentSms(smsId);
        return await ConflictRetry.Conflicts.ExecuteAsync(async token =>
        {
            var stored = Interlocked.Exchange(ref first, null) ?? await store.FindSmsAsync(smsId, token);
            if (stored is not null)
            {
                await apply(stored);
            }
            return stored?.Value;
        }, cancellationToken);
    }
}
