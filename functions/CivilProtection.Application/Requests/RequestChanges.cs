using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>
/// One act on a request: load it with its tag, check the caller sees it and saw the current version of what it acts on,
/// transition, and commit the snapshot with its events, the notices it ends and its outbox in one transaction.
/// </summary>
public sealed class RequestChanges(IRequestStore store, PartitionWriter writer, TimeProvider clock)
{
    /// <param name="versionOf">
    /// The version the caller's <paramref name="expectedVersion"/> is checked against: the request's by default, an
    /// offer's for an act on that offer (so an act on another offer meanwhile does not refuse it).
    /// </param>
    /// <param name="visibleAnyway">The caller checked access itself (a partner offering on a request it was not asked on).</param>
    /// <param name="caller">Null for an act of the system itself (a deadline falling due).</param>
    public async Task<AssistanceRequestState> ChangeAsync(
        Caller? caller, string requestId, int? expectedVersion, Action<AssistanceRequest, DateTimeOffset> transition, CancellationToken cancellationToken,
        Func<AssistanceRequestState, int>? versionOf = null, bool visibleAnyway = false)
    {
        versionOf ??= state => state.Version;
        try
        {
            return await ConflictRetry.On<NoticeMovedException>().ExecuteAsync(async token =>
            {
                var loaded = await store.FindAsync(requestId, token) ?? throw new NotFoundException($"There is no request {requestId}.");
                var request = loaded.Request;
                if (!visibleAnyway && caller is not null)
                {
                    RequestAccess.RequireVisible(caller, request.State);
                }
                var current = versionOf(request.State);
                var seen = expectedVersion ?? current;
                if (seen != current)
                {
                    throw new ConcurrentChangeException($"The request changed since you looked at it (version {seen}, now {current}); reload it and decide again.", seen, current);
                }
                var now = clock.GetUtcNow();
                transition(request, now);
                var change = new PartitionChange(requestId) { Request = new Versioned<AssistanceRequest>(request, loaded.ETag) };
                await ResolveNoticesAsync(change, request.State, now, token);
                try
                {
                    await writer.CommitAsync(change, token);
                    return request.State;
                }
                catch (ConcurrentChangeException conflict)
                {
                    if (await store.FindAsync(requestId, token) is not { } latest || versionOf(latest.Request.State) != seen)
                    {
                        throw;
                    }
                    // Only something the caller did not act on changed under us (a notice, another offer): act again.
                    expectedVersion = seen;
                    throw new NoticeMovedException(conflict);
                }
            }, cancellationToken);
        }
        catch (NoticeMovedException moved)
        {
            throw moved.Conflict;
        }
    }

    /// <summary>A decision's commit lost to a change of one of the request's notices only: worth deciding again.</summary>
    private sealed class NoticeMovedException(ConcurrentChangeException conflict) : Exception(conflict.Message, conflict)
    {
        public ConcurrentChangeException Conflict { get; } = conflict;
    }

    // Paging for a stage stops in the same commit as its decision, so nobody is paged for what is done.
    private async Task ResolveNoticesAsync(PartitionChange change, AssistanceRequestState request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var stored in await store.ListNoticesAsync(request.Id, cancellationToken))
        {
            var notice = Domain.Notices.Notice.Restore(stored.Value);
            if (Notices.NoticeDesk.StillNeeded(notice.State, request) is { } why && notice.Resolve(now, why))
            {
                change.Notices.Add(new Versioned<Domain.Notices.NoticeState>(notice.State, stored.ETag));
                change.Events.AddRange(notice.Events);
            }
        }
    }
}
