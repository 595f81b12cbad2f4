using Microsoft.Extensions.Logging;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Applies each inbound SMS once. Twilio retries a webhook that did not answer in time, and a signed call can be
/// captured and sent again; either way the same <c>MessageSid</c> comes back, maybe after the sender was made a new offer.
/// So the message is claimed first, in <see cref="IInboundLedger"/>, with the requests it may apply to; it is applied
/// only to those, each change recording the message in the same transaction (<see cref="AppliedReply"/>); the claim is
/// completed with what it did; and a repeat gets what the first call did.
/// </summary>
/// <remarks>
/// Applying is safe however many calls do it at once, because of how each request is tried: its state is read first,
/// then, only when the reply no longer applies there, its record of this message. A reply that applies commits its
/// change with an <c>Add</c> of the record, guarded by the tag of the state it read, so a second commit of the same
/// message fails and reads again. A reply that no longer applies never applies again (an answered offer stays
/// answered, a closed notice closed): if this message is why, its record was committed with that change, before the
/// state was read, and is found. So a claim left unfinished (its call died, or is merely slow) is taken over without
/// waiting for its call to end, and the targets fixed in the claim keep any new offer out of reach.
/// </remarks>
public sealed partial class ReplyOnce(IInboundLedger ledger, TimeProvider clock, ILogger<ReplyOnce> logger)
{
    /// <summary>
    /// A claim this old without an effect belongs to a call that died or gave up: twice the 15 seconds Twilio waits for
    /// a webhook's answer. Taking over earlier would be as safe (see the remarks); this only spares a second call.
    /// </summary>
    public static readonly TimeSpan UnfinishedAfter = TimeSpan.FromSeconds(30);

    /// <summary>How long a repeat waits for the call still applying the message before answering nothing.</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What the message did: applied now by <paramref name="apply"/> over the claimed targets, or what an earlier call
    /// recorded. Null when another call is still applying it: the caller answers nothing.
    /// </summary>
    /// <param name="targets">What the message may apply to as of now; a repeat keeps those of its first claim.</param>
    /// <param name="apply">Applies the message to the first target it fits; given no target, only says so (no I/O).</param>
    public async Task<ReplyEffect?> ApplyAsync(
        InboundSms sms, IReadOnlyList<ReplyTarget> targets, Func<IReadOnlyList<ReplyTarget>, Task<ReplyEffect>> apply, CancellationToken cancellationToken)
    {
        // Nothing to apply it to: what it did is known at once, and the claim is stored complete.
        var known = targets.Count == 0 ? await apply(targets) : null;
        var claim = await ledger.ClaimAsync(new InboundClaim(sms.From, sms.ProviderMessageId, targets, clock.GetUtcNow(), known), cancellationToken);
        while (true)
        {
            if (claim.Effect is { } effect)
            {
                if (!claim.Mine)
                {
                    LogRepeat(sms.ProviderMessageId, PhoneMask.Mask(sms.From), effect.Outcome);
                }
                return effect;
            }
            if (claim.Mine)
            {
                return await ApplyClaimedAsync(claim, apply, cancellationToken);
            }
            if (clock.GetUtcNow() - claim.ClaimedAt >= UnfinishedAfter)
            {
                LogTakeOver(sms.ProviderMessageId, PhoneMask.Mask(sms.From), claim.ClaimedAt);
                claim = await ledger.TakeOverAsync(claim, clock.GetUtcNow(), cancellationToken);
                continue;
            }
            claim = await WaitForFirstAsync(claim, cancellationToken);
            if (claim.Effect is null && clock.GetUtcNow() - claim.ClaimedAt < UnfinishedAfter)
            {
                LogStillApplying(sms.ProviderMessageId, PhoneMask.Mask(sms.From), WaitForFirst.TotalSeconds);
                return null;
            }
        }
    }

    private async Task<ReplyEffect> ApplyClaimedAsync(InboundClaim claim, Func<IReadOnlyList<ReplyTarget>, Task<ReplyEffect>> apply, CancellationToken cancellationToken)
    {
        ReplyEffect effect;
        try
        {
            effect = await apply(claim.Targets);
        }
        catch (Exception failure)
        {
            // Twilio may call again at once: let that call take over rather than wait for this claim to go stale.
            await ReleaseAsync(claim, failure);
            throw;
        }
        await ledger.CompleteAsync(claim, effect, cancellationToken);
        return effect;
    }

    private async Task ReleaseAsync(InboundClaim claim, Exception failure)
    {
        try
        {
            await ledger.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The claim goes stale on its own; the failure that matters is the one being thrown.
            LogReleaseFailed(ex, claim.MessageSid, failure.GetType().Name);
        }
    }

    // The other call's progress is measured in real time, not on the workflow's clock (which tests hold still).
    private async Task<InboundClaim> WaitForFirstAsync(InboundClaim claim, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(50);
        for (var waited = TimeSpan.Zero; waited < WaitForFirst; waited += pause, pause = Min(pause * 2, LongestPause))
        {
            await Task.Delay(pause, cancellationToken);
            var current = await ledger.FindAsync(claim.From, claim.MessageSid, cancellationToken) ?? claim;
            // Completed, released by a call that failed, or taken over.
            if (current.ETag != claim.ETag)
            {
                return current;
            }
        }
        return claim;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS {MessageSid} from {From} came again: answered as the first time ({Outcome}), nothing applied")]
    private partial void LogRepeat(string messageSid, string from, ReplyOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound SMS {MessageSid} from {From} was claimed at {ClaimedAt} and never completed: this call takes it over")]
    private partial void LogTakeOver(string messageSid, string from, DateTimeOffset claimedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound SMS {MessageSid}: applying it failed ({Failure}) and its claim could not be released; a repeat takes it over once it is stale")]
    private partial void LogReleaseFailed(Exception ex, string messageSid, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS {MessageSid} from {From} came again while another call was still applying it; after {Seconds} s it still was, so this one answers nothing")]
    private partial void LogStillApplying(string messageSid, string from, double seconds);
}
