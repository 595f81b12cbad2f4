using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Records what became of each SMS: handed over, delivered, failed. A failed notice SMS escalates the notice at
/// once, in the same transaction; reports arriving out of order never move a status backwards.
/// </summary>
public sealed class SmsDeliveries(IRequestStore store, NoticeDesk notices, PartitionWriter writer, TimeProvider clock)
{
    /// <summary>The provider accepted the SMS: keep its id (a status report may already have arrived).</summary>
    public Task RecordSentAsync(string smsId, string providerMessageId, CancellationToken cancellationToken) =>
        RetryAsync(smsId, async stored =>
        {
            var sms = stored.Value;
            var status = sms.Status.Rank() >= SmsStatus.Sent.Rank() ? sms.Status : SmsStatus.Sent;
            var change = new PartitionChange(sms.RequestId);
            change.Sms.Add(new Versioned<SmsRecord>(sms with { Status = status, ProviderMessageId = providerMessageId, UpdatedAt = clock.GetUtcNow() }, stored.ETag));
            await writer.CommitAsync(change, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The SMS will not be sent (its notice no longer needs anyone): withdrawn, with the notice's line, in one
    /// transaction guarded by the ETag the sender read, so a concurrent delivery that claimed it first wins.
    /// </summary>
    public async Task RecordWithdrawnAsync(Versioned<SmsRecord> stored, CancellationToken cancellationToken)
    {
        var updated = stored.Value with { Status = SmsStatus.Withdrawn, UpdatedAt = clock.GetUtcNow() };
        var change = new PartitionChange(updated.RequestId);
        change.Sms.Add(new Versioned<SmsRecord>(updated, stored.ETag));
        await notices.AddDeliveryAsync(change, updated, cancellationToken);
        await writer.CommitAsync(change, cancellationToken);
    }

    /// <summary>A delivery report (from the provider's status callback, or a refusal when sending).</summary>
    public Task RecordAsync(SmsStatusReport report, CancellationToken cancellationToken) =>
        RetryAsync(report.SmsId, async stored =>
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

    // Reports for one request race with each other and with the workflow: read again and retry on a conflict.
    private Task RetryAsync(string smsId, Func<Versioned<SmsRecord>, Task> apply, CancellationToken cancellationToken) =>
        ConflictRetry.Conflicts.ExecuteAsync(async token =>
        {
            if (await store.FindSmsAsync(smsId, token) is { } stored)
            {
                await apply(stored);
            }
        }, cancellationToken).AsTask();
}
