using CivilProtection.Application.Indexes;

namespace CivilProtection.Application.Work;

/// <summary>
/// What needs the signed-in person now, one section per role they hold (null where they do not hold it): the approver's
/// inbox, the duty officer's requests, the coordinator's offers to prepare and dispatches, and the notices they may acknowledge.
/// </summary>
public sealed record WorkView(
    WorkSection<InboxEntry>? Approvals,
    WorkSection<WorkRequest>? Requests,
    WorkSection<WorkRequest>? OffersToPrepare,
    WorkSection<WorkRequest>? Dispatches,
    WorkSection<WorkNotice> Notices);

/// <summary>The first items of a section, in the order to take them, and how many wait in all.</summary>
public sealed record WorkSection<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Cuts a section to the items it shows.</summary>
public static class WorkSection
{
    public static WorkSection<T> Of<T>(IReadOnlyList<T> all) => new(all.Take(WorkDesk.SectionSize).ToList(), all.Count);
}

/// <summary>A request that waits for the person, as a line of their work.</summary>
/// <param name="Due">By when: the deadline for offers, or the time the request needs assistance by.</param>
/// <param name="Waiting">For a dispatch: responders asked who have not answered yet.</param>
public sealed record WorkRequest(
    string RequestId,
    string Reference,
    string Title,
    string Urgency,
    string Status,
    string RequestingAuthorityId,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? Due = null,
    int? Waiting = null);

/// <summary>A notice the person may acknowledge, still waiting for someone to.</summary>
/// <param name="EscalatesAt">When the next people are paged if nobody acknowledges.</param>
/// <param name="StageName">For a stage's decision: the stage's name (its approver group's code), for the page to word.</param>
public sealed record WorkNotice(
    string RequestId,
    string Reference,
    string Title,
    string Urgency,
    string NoticeId,
    Domain.Notices.NoticeKind Kind,
    int? StageIndex,
    string? StageName,
    DateTimeOffset OpenedAt,
    DateTimeOffset? EscalatesAt);
