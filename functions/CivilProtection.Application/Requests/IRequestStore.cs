using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>
/// Where requests live. Each write commits, in one atomic transaction of the request's own partition, the
/// snapshot, the new audit events and the outbox rows of the messages the change must send.
/// </summary>
public interface IRequestStore
{
    /// <summary>Loads a request and the version tag its next write must match; null when there is none.</summary>
    Task<LoadedRequest?> FindAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// A request at least as new as <paramref name="atLeastVersion"/>, possibly not the newest: for a handler of a
    /// message about that version, which this process may have just read or written, so it needs no second read.
    /// </summary>
    Task<LoadedRequest?> FindAsync(string requestId, int atLeastVersion, CancellationToken cancellationToken);

    /// <summary>The request's audit events, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadTimelineAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Commits a newly filed request and returns the outbox rows it committed; throws <see cref="RequestAlreadyExistsException"/> when its id is taken.</summary>
    Task<IReadOnlyList<Outbox.OutboxRow>> CreateAsync(AssistanceRequest request, CancellationToken cancellationToken);

    /// <summary>Commits a transition; throws <see cref="ConcurrentChangeException"/> when someone else changed the request since <paramref name="etag"/>.</summary>
    Task SaveAsync(AssistanceRequest request, string etag, CancellationToken cancellationToken);

    Task<Versioned<Domain.Notices.NoticeState>?> FindNoticeAsync(string requestId, string noticeId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Versioned<Domain.Notices.NoticeState>>> ListNoticesAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The dispatch of <paramref name="authorityId"/>'s responders on a request to partners; null: a two-sided route's one dispatch.</summary>
    Task<Versioned<Domain.Dispatch.DispatchState>?> FindDispatchAsync(string requestId, string? authorityId, CancellationToken cancellationToken);

    /// <summary>The deployment of <paramref name="authorityId"/>'s commitments on a request to partners, if it started.</summary>
    Task<Versioned<Domain.Deployments.DeploymentState>?> FindDeploymentAsync(string requestId, string authorityId, CancellationToken cancellationToken);

    /// <summary>Every deployment on a request to partners, one per assisting authority.</summary>
    Task<IReadOnlyList<Versioned<Domain.Deployments.DeploymentState>>> ListDeploymentsAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The cost claim of <paramref name="authorityId"/> on a request, if it submitted one.</summary>
    Task<Versioned<Domain.Costs.ClaimState>?> FindClaimAsync(string requestId, string authorityId, CancellationToken cancellationToken);

    /// <summary>Every cost claim on a request, one per assisting authority.</summary>
    Task<IReadOnlyList<Versioned<Domain.Costs.ClaimState>>> ListClaimsAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Every cost claim, on any request, to which <paramref name="authorityId"/> is a party (as claimant or as requester).</summary>
    Task<IReadOnlyList<Domain.Costs.ClaimState>> ListClaimsOfPartyAsync(string authorityId, CancellationToken cancellationToken);

    Task<Versioned<Sms.SmsRecord>?> FindSmsAsync(string smsId, CancellationToken cancellationToken);

    /// <summary>
    /// An SMS record this process wrote moments ago, with the tag the store gave it, handed out once (null when there is
    /// none, or it is no longer recent): it may have changed since, so only a write guarded by its tag may act on it.
    /// </summary>
    Versioned<Sms.SmsRecord>? TakeRecentSms(string smsId);

    /// <summary>A notice this process wrote moments ago, as <see cref="TakeRecentSms"/>: for a write guarded by its tag only.</summary>
    Versioned<Domain.Notices.NoticeState>? TakeRecentNotice(string requestId, string noticeId);

    /// <summary>
    /// Writes one SMS record alone, only if unchanged since <paramref name="sms"/>'s tag, and returns the tag it has now,
    /// so its writer's next change of it needs no read; <see cref="ConcurrentChangeException"/> when it changed meanwhile.
    /// </summary>
    Task<string> SaveSmsAsync(Versioned<Sms.SmsRecord> sms, CancellationToken cancellationToken);

    /// <summary>What the inbound SMS <paramref name="messageSid"/> did to this request, if it changed it.</summary>
    Task<Sms.AppliedReply?> FindAppliedReplyAsync(string requestId, string messageSid, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a <see cref="PartitionChange"/> in one transaction and returns the outbox rows it committed;
    /// <see cref="ConcurrentChangeException"/> when a guarded row changed meanwhile.
    /// </summary>
    Task<IReadOnlyList<Outbox.OutboxRow>> CommitAsync(PartitionChange change, CancellationToken cancellationToken);
}

/// <summary>A request as loaded, with the tag that guards the next write.</summary>
public sealed record LoadedRequest(AssistanceRequest Request, string ETag);

/// <summary>Someone else committed a change to the request first.</summary>
public sealed class ConcurrentChangeException : Exception
{
    public ConcurrentChangeException(string message) : base(message) { }

    public ConcurrentChangeException() { }

    public ConcurrentChangeException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The caller acted on <paramref name="seen"/> while <paramref name="current"/> is committed.</summary>
    public ConcurrentChangeException(string message, long seen, long current) : base(message) =>
        Refusal = Problems.Refusal.Of(RefusalCode.StaleVersion, ("version", seen), ("current", current));

    /// <summary>Which versions crossed, when the caller named the one they saw.</summary>
    public Refusal Refusal { get; } = Problems.Refusal.Of(RefusalCode.ChangedMeanwhile);
}

/// <summary>A request with that id was already committed.</summary>
public sealed class RequestAlreadyExistsException : Exception
{
    public RequestAlreadyExistsException(string message) : base(message) { }

    public RequestAlreadyExistsException() { }

    public RequestAlreadyExistsException(string message, Exception innerException) : base(message, innerException) { }
}
