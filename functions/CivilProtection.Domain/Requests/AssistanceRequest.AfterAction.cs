using CivilProtection.Domain.Dispatch;

namespace CivilProtection.Domain.Requests;

/// <summary>The end of a mission: each party's after-action note, and the close once nothing is left to do.</summary>
public sealed partial class AssistanceRequest
{
    public const int MaxAfterActionNote = 4000;

    /// <summary>
    /// The parties who write an after-action note before the request closes: the requester and every authority whose
    /// offer was accepted.
    /// </summary>
    public IReadOnlyList<string> AfterActionParties =>
        [State.RequestingAuthorityId, .. State.Offers.Select(o => o.AuthorityId).Distinct(StringComparer.Ordinal).Where(a => CommitmentNeeds.CommitmentsOf(State, a).Count > 0)];

    /// <summary>The parties whose after-action note is still missing.</summary>
    public IReadOnlyList<string> AfterActionNotesOwed =>
        AfterActionParties.Where(a => State.AfterActionNotes.All(n => n.AuthorityId != a)).ToList();

    /// <summary>A party writes (or rewrites) its after-action note while the request is open.</summary>
    public void NoteAfterAction(string authorityId, Actor by, DateTimeOffset now, string note)
    {
        ArgumentNullException.ThrowIfNull(by);
        RequireOpen("noted");
        if (!AfterActionParties.Contains(authorityId))
        {
            throw new TransitionRefusedException($"{authorityId} has no part in this mission to write an after-action note about.");
        }
        State = State with
        {
            AfterActionNotes = [.. State.AfterActionNotes.Where(n => n.AuthorityId != authorityId), new AfterActionNote(authorityId, note, by.UserId, by.DisplayName, now)],
        };
        Record(by, now, AuditActions.AfterActionNoted, null, stageIndex: null, authorityId: authorityId);
        Changed();
        _newMessages.Add(new RequestMessage(RequestMessageKinds.MissionCheck, State.Id, State.Version, null));
    }

    /// <summary>
    /// The mission is over (every deployment home, every claim settled, every note written): the request closes by
    /// itself, as the requester's close does.
    /// </summary>
    public void CloseAfterMission(DateTimeOffset now)
    {
        if (AfterActionNotesOwed.Count > 0)
        {
            throw new TransitionRefusedException($"After-action notes are still owed by {string.Join(", ", AfterActionNotesOwed)}.");
        }
        CloseExchange(Actor.System, now, "Mission over: every deployment returned, every claim settled, every after-action note written.");
    }
}

/// <summary>A party's after-action note: what went well, what did not, what to change.</summary>
public sealed record AfterActionNote(string AuthorityId, string Note, string By, string ByName, DateTimeOffset At);
