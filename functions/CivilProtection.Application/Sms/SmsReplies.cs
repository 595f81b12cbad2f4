using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Answers SMS replies: an acknowledgement code closes the sender's notice; <c>1</c>/<c>2</c> (and their words)
/// answer the sender's latest dispatch offer. Anything else gets a short help text in the sender's language.
/// Each message is applied once (<see cref="ReplyOnce"/>): a repeat is answered as the first time and changes nothing.
/// </summary>
public sealed class SmsReplies(
    IPeople people, IReplyIndex replies, ReplyOnce once, NoticeDesk notices, DispatchDesk dispatch, SmsDeliveries deliveries, ISmsTexts texts,
    IOptOuts optOuts, SmsRefusals refusals, Deployments.StatusBySms statusReports, TimeProvider clock) : ISmsReplies
{
    public async Task<string?> HandleReplyAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        // STOP and START change the number's consent and nothing else, and get no answer of ours: Twilio answers them
        // (and would refuse ours after a STOP). HELP, when Twilio marked it, is Twilio's to answer too.
        switch (OptOutKeywords.Classify(sms.OptOutType, sms.Body))
        {
            case OptOutKind.Stop:
                await optOuts.RecordAsync(new OptOutChange(sms.From, OptedOut: true, clock.GetUtcNow(), OptOutSources.StopReply, sms.ProviderMessageId), cancellationToken);
                return null;
            case OptOutKind.Start:
                await optOuts.RecordAsync(new OptOutChange(sms.From, OptedOut: false, clock.GetUtcNow(), OptOutSources.StartReply, sms.ProviderMessageId), cancellationToken);
                // A Messaging Service that kept YES among its opt-in words marks a dispatch's "YES" as START too: it
                // still answers the offer.
                if (ReplyGrammar.Parse(sms.Body).Kind == ReplyKind.Unknown)
                {
                    return null;
                }
                break;
            case OptOutKind.Help:
                return null;
        }
        // A number the system does not know gets no answer: replying would only help someone probe it. Its message
        // is recorded all the same, so that it cannot act once the number is someone's.
        if (await people.FindByMobileAsync(sms.From, cancellationToken) is not { } person)
        {
            await once.ApplyAsync(sms, [], _ => Task.FromResult(ReplyEffect.FromUnknownNumber), cancellationToken);
            return null;
        }
        var reply = ReplyGrammar.Parse(sms.Body);
        // A team leader's DEPART, ARRIVE or RETOUR reports their mission's status.
        if (reply.Kind == ReplyKind.Unknown && StatusKeywords.Parse(sms.Body) is { } status)
        {
            var missions = await statusReports.TargetsAsync(sms.From, cancellationToken);
            var reported = await once.ApplyAsync(sms, missions,
                claimed => statusReports.ApplyAsync(person, status, sms.ProviderMessageId, claimed, cancellationToken), cancellationToken);
            return reported is null ? null : AnswerFor(person, reported);
        }
        var targets = await TargetsAsync(sms.From, reply, cancellationToken);
        var effect = await once.ApplyAsync(sms, targets, claimed => ApplyAsync(person, reply, sms.ProviderMessageId, claimed, cancellationToken), cancellationToken);
        return effect is null ? null : AnswerFor(person, effect);
    }

    public async Task HandleStatusAsync(SmsStatusReport report, CancellationToken cancellationToken)
    {
        // Idempotent as the delivery is: a repeated callback records the same opt-out under the same key, and a dispatch
        // offer closes once. The SMS the delivery read serves both: who it went to and what for never change.
        if (await deliveries.RecordAsync(report, cancellationToken) is { } sms)
        {
            await refusals.RecordReportAsync(report, sms, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<ReplyTarget>> TargetsAsync(string from, Reply reply, CancellationToken cancellationToken) => reply.Kind switch
    {
        ReplyKind.Acknowledge => (await replies.FindCodeAsync(from, reply.Code!, cancellationToken)).Select(a => new ReplyTarget(a.RequestId, a.NoticeId)).ToList(),
        ReplyKind.Accept or ReplyKind.Decline => (await replies.ListOffersAsync(from, cancellationToken)).Select(o => new ReplyTarget(o.RequestId, null)).ToList(),
        _ => [],
    };

    // The first target the reply still fits takes it: the notice the code was sent with, the newest open offer.
    private async Task<ReplyEffect> ApplyAsync(Person person, Reply reply, string messageSid, IReadOnlyList<ReplyTarget> targets, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            var applied = (reply.Kind, target.NoticeId) switch
            {
                (ReplyKind.Acknowledge, { } noticeId) => await notices.AcknowledgeByReplyAsync(person, target.RequestId, noticeId, messageSid, Domain.Notices.NoticeChannels.Sms, cancellationToken),
                (ReplyKind.Accept or ReplyKind.Decline, null) => await dispatch.AnswerAsync(person, target.RequestId, reply.Kind == ReplyKind.Accept, messageSid, cancellationToken),
                _ => null,
            };
            if (applied is not null)
            {
                return applied.Effect;
            }
        }
        return ReplyEffect.NotUnderstood;
    }

    private string? AnswerFor(Person person, ReplyEffect effect) => effect.Outcome switch
    {
        ReplyOutcome.Accepted or ReplyOutcome.Declined => texts.DispatchAnswered(person.Language, effect.Reference!, effect.Outcome == ReplyOutcome.Accepted),
        ReplyOutcome.NotUnderstood => texts.NotUnderstood(person.Language),
        ReplyOutcome.StatusReported => texts.StatusRecorded(person.Language, effect.Reference!, effect.Detail!),
        ReplyOutcome.StatusRefused => texts.StatusRefused(person.Language, effect.Reference!, effect.Detail),
        // Acknowledged: the confirmation goes out as an SMS of its own, recorded on the timeline.
        _ => null,
    };
}
