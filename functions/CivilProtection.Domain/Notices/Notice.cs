using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Domain.Notices;

/// <summary>
/// The paging of one notice, as PagerDuty escalates: page the first tier on call; if nobody acknowledges within
/// the urgency's time (or an SMS fails), page the next tier; after the last tier start another round; after the
/// last round alert the authority's admins. Each method refuses what does not apply now and says what to do:
/// the pages to send, the check to schedule, and the timeline lines to record.
/// </summary>
public sealed class Notice
{
    private readonly List<NoticePage> _pages = [];
    private readonly List<AuditEvent> _events = [];

    private Notice(NoticeState state) => State = state;

    public NoticeState State { get; private set; }

    /// <summary>SMS to send, decided by the last transitions.</summary>
    public IReadOnlyList<NoticePage> Pages => _pages;

    /// <summary>Timeline lines recorded by the last transitions (their Sequence is assigned when read).</summary>
    public IReadOnlyList<AuditEvent> Events => _events;

    public static Notice Restore(NoticeState state) => new(state);

    /// <summary>Opens a notice and pages the first tier on call.</summary>
    public static Notice Open(
        string noticeId, string requestId, NoticeKind kind, int? stageIndex, string authorityId, string team, string code,
        IReadOnlyList<OnCallTier> onCall, Urgency urgency, EscalationPolicy policy, DateTimeOffset now, Func<int, string> smsIdFor, string? offerId = null,
        string? leaderId = null)
    {
        var notice = new Notice(new NoticeState(
            noticeId, requestId, kind, stageIndex, authorityId, team, code, NoticeStatus.Open,
            Step: 0, Round: 1, Position: -1, now, EscalatesAt: null, [], null, null, null) { OfferId = offerId, LeaderId = leaderId });
        notice.Record(now, Actor.System.UserId, "notice-opened", $"{authorityId} / {team}");
        notice.PageNext(onCall, urgency, policy, now, smsIdFor, reason: null);
        return notice;
    }

    /// <summary>
    /// Nobody acknowledged in time (or <paramref name="reason"/>: an SMS failed): page the next tier, the first tier
    /// of the next round, or, when the rounds are spent, give up so the admins are alerted.
    /// Returns false, changing nothing, when the notice is closed or has moved past <paramref name="step"/>.
    /// </summary>
    public bool Escalate(int step, IReadOnlyList<OnCallTier> onCall, Urgency urgency, EscalationPolicy policy, DateTimeOffset now, Func<int, string> smsIdFor, string? reason)
    {
        if (State.Status != NoticeStatus.Open || State.Step != step)
        {
            return false;
        }
        PageNext(onCall, urgency, policy, now, smsIdFor, reason);
        return true;
    }

    /// <summary>Someone acknowledged (by SMS code or on the page); refused when the notice is no longer open.</summary>
    public void Acknowledge(string personId, string personName, string via, DateTimeOffset now)
    {
        if (State.Status != NoticeStatus.Open)
        {
            throw new TransitionRefusedException($"This notice is already {State.Status.ToString().ToLowerInvariant()}.");
        }
        State = State with { Status = NoticeStatus.Acknowledged, AcknowledgedBy = personId, AcknowledgedAt = now, AcknowledgedVia = via, EscalatesAt = null };
        Record(now, personId, "notice-acknowledged", $"{personName} ({via})", personName);
    }

    /// <summary>The request moved on (stage decided, request withdrawn): stop paging. False if already closed.</summary>
    public bool Resolve(DateTimeOffset now, string why)
    {
        if (State.Status != NoticeStatus.Open)
        {
            return false;
        }
        State = State with { Status = NoticeStatus.Resolved, EscalatesAt = null };
        Record(now, Actor.System.UserId, "notice-resolved", why);
        return true;
    }

    /// <summary>Records a delivery report; says whether it is a failure of the current step, which escalates at once.</summary>
    public bool RecordDelivery(string smsId, string delivery, DateTimeOffset now, string personName)
    {
        var attempt = State.Attempts.FirstOrDefault(a => a.SmsId == smsId);
        if (attempt is null || attempt.Delivery == delivery || IsFinal(attempt.Delivery))
        {
            return false;
        }
        State = State with { Attempts = State.Attempts.Select(a => a.SmsId == smsId ? a with { Delivery = delivery } : a).ToList() };
        Record(now, Actor.System.UserId, $"sms-{delivery}", personName);
        return IsFailure(delivery) && State.Status == NoticeStatus.Open && attempt.Step == State.Step
            && State.Attempts.Where(a => a.Step == State.Step).All(a => IsFailure(a.Delivery));
    }

    public static bool IsFailure(string delivery) => delivery is "failed" or "undelivered" or "rejected";

    // "withdrawn": never sent, because the notice was no longer needed when its turn came.
    private static bool IsFinal(string delivery) => delivery is "delivered" or "withdrawn" || IsFailure(delivery);

    private void PageNext(IReadOnlyList<OnCallTier> onCall, Urgency urgency, EscalationPolicy policy, DateTimeOffset now, Func<int, string> smsIdFor, string? reason)
    {
        var position = State.Position + 1;
        var round = State.Round;
        if (position >= onCall.Count)
        {
            position = 0;
            round++;
        }
        if (onCall.Count == 0 || round > policy.Rounds)
        {
            State = State with { Status = NoticeStatus.Exhausted, Step = State.Step + 1, EscalatesAt = null };
            Record(now, Actor.System.UserId, "notice-exhausted", reason ?? (onCall.Count == 0 ? "nobody on call" : $"no acknowledgement after {policy.Rounds} round(s)"));
            _pages.Add(new NoticePage(smsIdFor(State.Step), PersonId: null, State.Step, NoticeKind.AdminAlert));
            return;
        }
        var tier = onCall[position];
        var step = State.Step + 1;
        var escalatesAt = now + policy.AcknowledgeWithin(urgency);
        var attempts = State.Attempts.ToList();
        var index = 0;
        var ring = policy.Rings(urgency, round);
        foreach (var personId in tier.PersonIds)
        {
            var smsId = smsIdFor(step * 100 + index++);
            attempts.Add(new NoticeAttempt(smsId, personId, step, round, tier.Tier, now, "queued"));
            _pages.Add(new NoticePage(smsId, personId, step, State.Kind, ring));
        }
        State = State with { Step = step, Round = round, Position = position, EscalatesAt = escalatesAt, Attempts = attempts };
        var what = step == 1 ? "notice-paged" : "notice-escalated";
        Record(now, Actor.System.UserId, what, $"tier {tier.Tier}, round {round}{(reason is null ? "" : $": {reason}")}");
    }

    private void Record(DateTimeOffset now, string actorId, string action, string? comment, string? actorName = null) =>
        _events.Add(new AuditEvent(0, now, actorId, actorName ?? actorId, action, comment, State.StageIndex));
}

/// <summary>
/// An SMS a notice transition asks to send: to a person (null: to the authority's admins) at a step; with
/// <paramref name="Ring"/>, a voice call to the same person as well.
/// </summary>
public sealed record NoticePage(string SmsId, string? PersonId, int Step, NoticeKind Kind, bool Ring = false);
