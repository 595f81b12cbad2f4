using CivilProtection.Application.Requests;
using CivilProtection.Application.Voice;
using Microsoft.Extensions.Logging;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Hands one SMS to the provider, at most once: the record is claimed (<c>sending</c>) before the call and the
/// provider's id recorded after it, so a redelivered queue message never sends it again. A provider that stays
/// unavailable puts it back to <c>pending</c> for a later delivery; a refusal (opted out) escalates at once.
/// A notice's voice call (<see cref="SmsPurpose.NoticeCall"/>) goes the same way, to <see cref="IVoiceGateway"/>.
/// </summary>
public sealed partial class SmsSender(
    IRequestStore store,
    ISmsGateway gateway,
    Voice.IVoiceGateway voice,
    Microsoft.Extensions.Options.IOptions<Notices.NoticeOptions> notices,
    IReplyIndex replies,
    SmsDeliveries deliveries,
    SmsRefusals refusals,
    SmsProviderRefusals providerRefusals,
    SmsProviderHealth providerHealth,
    SmsWebhookUrls webhooks,
    TimeProvider clock,
    ILogger<SmsSender> logger)
{
    /// <returns>False when there is no such SMS (the message can never succeed).</returns>
    public async Task<bool> SendAsync(string smsId, CancellationToken cancellationToken)
    {
        // The record this process's commit just added, when it did, serves as the read: every write below is guarded by
        // its tag, so one that changed since fails, and the message's next delivery reads it afresh.
        var stored = store.TakeRecentSms(smsId) ?? await store.FindSmsAsync(smsId, cancellationToken);
        if (stored is null)
        {
            return false;
        }
        var sms = stored.Value;
        if (sms.Status != SmsStatus.Pending)
        {
            if (sms.Status == SmsStatus.Sending)
            {
                // A send was attempted and its outcome is unknown: sending again could page someone twice.
                await SaveAsync(sms with { Status = SmsStatus.Unknown, UpdatedAt = clock.GetUtcNow() }, stored.ETag, cancellationToken);
                LogOutcomeUnknown(smsId);
            }
            return true;
        }
        // Right before the send, not only when the notice opened: a decision that lands milliseconds after its stage
        // opened commits without seeing the notice, and nobody should be woken for what is already decided.
        // A page's notice, read once for the three things below that need it.
        var notice = sms.Purpose.PagesFor() && sms.NoticeId is { } id ? (await store.FindNoticeAsync(sms.RequestId, id, cancellationToken))?.Value : null;
        if (await NoLongerNeededAsync(sms, notice, cancellationToken) is { } withdrawal)
        {
            // When it is the request that moved on, the notice is resolved in the same commit: this look at the request
            // is the one that catches a decision made while the notice was being opened (NoticeDesk.OpenAsync).
            await deliveries.RecordWithdrawnAsync(stored, withdrawal.RequestMovedOn ? withdrawal.Why : null, cancellationToken);
            LogWithdrawn(smsId, withdrawal.Why);
            return true;
        }
        var claimed = sms with { Status = SmsStatus.Sending, UpdatedAt = clock.GetUtcNow() };
        // The claim's own tag guards the record of the hand-over, so that record needs no read unless a report came between.
        var claimedTag = await SaveAsync(claimed, stored.ETag, cancellationToken);
        await RememberRepliesAsync(sms, notice, cancellationToken);
        SmsReceipt receipt;
        try
        {
            receipt = sms.Purpose.IsCall()
                ? await voice.CallAsync(
                    new OutgoingCall(sms.To, webhooks.CallPromptFor(sms.SmsId), webhooks.CallStatusFor(sms.SmsId), notices.Value.CallRingFor), cancellationToken)
                : await gateway.SendAsync(
                    new OutgoingSms(sms.To, sms.Body, webhooks.StatusCallbackFor(sms.SmsId), SmsRecord.PriorityOf(sms.Purpose), await ValidForAsync(sms, notice, cancellationToken)),
                    cancellationToken);
        }
        catch (SmsUnavailableException unavailable)
        {
            Workflow.WorkflowTelemetry.RecordSmsFailed(unavailable.AccountErrorCode is null ? "unavailable" : "account-refused");
            // Not sent: back to pending even when the caller is stopping (a pump's time budget ran out while the SMS
            // waited for a send slot), or the next delivery would find it claimed and never send it. Read back only
            // here (not after every claim): still ours if still sending, and its ETag refuses anyone who came between.
            if (await store.FindSmsAsync(smsId, CancellationToken.None) is { Value.Status: SmsStatus.Sending } stillClaimed)
            {
                await SaveAsync(stillClaimed.Value with { Status = SmsStatus.Pending, UpdatedAt = clock.GetUtcNow() }, stillClaimed.ETag, CancellationToken.None);
            }
            if (unavailable.AccountErrorCode is { } code && !sms.Purpose.IsCall())
            {
                await providerRefusals.RecordAsync(sms, code, CancellationToken.None);
            }
            throw;
        }
        catch (SmsRejectedException ex)
        {
            LogRejected(smsId, PhoneMask.Mask(sms.To), ex.ErrorCode);
            Workflow.WorkflowTelemetry.RecordSmsFailed("rejected");
            await deliveries.RecordRefusedAsync(new Versioned<SmsRecord>(claimed, claimedTag), ex.ErrorCode, cancellationToken);
            if (!sms.Purpose.IsCall())
            {
                // A refused call says nothing of the person's SMS consent; its page's SMS went on its own.
                await refusals.RecordAsync(sms, ex.ErrorCode, cancellationToken);
            }
            return true;
        }
        await deliveries.RecordSentAsync(new Versioned<SmsRecord>(claimed, claimedTag), receipt.ProviderMessageId, cancellationToken);
        if (!sms.Purpose.IsCall())
        {
            await providerHealth.AcceptedAsync(cancellationToken);
        }
        (sms.Purpose.IsCall() ? Workflow.WorkflowTelemetry.CallsPlaced : Workflow.WorkflowTelemetry.SmsSent).Add(1);
        LogSent(smsId, PhoneMask.Mask(sms.To), receipt.ProviderMessageId);
        return true;
    }

    // Only a page of a notice can become pointless before it goes; admin alerts, confirmations and dispatch offers go.
    // Why, and whether it is the request that moved on (the notice is still open) rather than the notice that is done.
    private async Task<(string Why, bool RequestMovedOn)?> NoLongerNeededAsync(SmsRecord sms, Domain.Notices.NoticeState? notice, CancellationToken cancellationToken)
    {
        if (notice is null)
        {
            return null;
        }
        if (notice.Status is Domain.Notices.NoticeStatus.Acknowledged or Domain.Notices.NoticeStatus.Resolved)
        {
            return ($"the notice is {notice.Status.ToString().ToLowerInvariant()}", false);
        }
        return await store.FindAsync(sms.RequestId, cancellationToken) is { } request && Notices.NoticeDesk.StillNeeded(notice, request.Request.State) is { } why
            ? (why, true)
            : null;
    }

    // Past this, the SMS is no use: a page's next escalation step has paged someone else, an offer's answer window has
    // closed and the next candidate was asked. Confirmations and alerts keep the provider's default.
    private async Task<TimeSpan?> ValidForAsync(SmsRecord sms, Domain.Notices.NoticeState? notice, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? until = sms.Purpose switch
        {
            SmsPurpose.Notice => notice?.EscalatesAt,
            SmsPurpose.DispatchOffer => (await store.FindDispatchAsync(sms.RequestId, sms.DispatchAuthorityId, cancellationToken))?.Value.Offers.FirstOrDefault(o => o.PersonId == sms.PersonId)?.AnswerBy,
            _ => null,
        };
        return until is { } at ? (at > now ? at - now : TimeSpan.Zero) : null;
    }

    private async Task RememberRepliesAsync(SmsRecord sms, Domain.Notices.NoticeState? notice, CancellationToken cancellationToken)
    {
        if (notice is not null && sms.Purpose == SmsPurpose.Notice)
        {
            await replies.RememberCodeAsync(sms.To, notice.Code, sms.RequestId, notice.NoticeId, cancellationToken);
        }
        else if (sms.Purpose == SmsPurpose.DispatchOffer)
        {
            await replies.RememberOfferAsync(sms.To, sms.RequestId, sms.PersonId, cancellationToken);
        }
    }

    private Task<string> SaveAsync(SmsRecord sms, string? etag, CancellationToken cancellationToken) =>
        store.SaveSmsAsync(new Versioned<SmsRecord>(sms, etag), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {SmsId} to {To} handed to the provider as {ProviderMessageId}")]
    private partial void LogSent(string smsId, string to, string providerMessageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {SmsId} to {To} refused by the provider (error {ErrorCode}); not retried")]
    private partial void LogRejected(string smsId, string to, int errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {SmsId} withdrawn before it was sent: {Reason}")]
    private partial void LogWithdrawn(string smsId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {SmsId}: an earlier send attempt ended without an answer; not sent again")]
    private partial void LogOutcomeUnknown(string smsId);
}
