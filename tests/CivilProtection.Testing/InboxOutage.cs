using CivilProtection.Application.Indexes;
using CivilProtection.Infrastructure.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.Testing;

/// <summary>
/// A cause of failure a test controls: while broken, the approvers' inboxes cannot be written, so routing fails on every
/// delivery until its message is dead-lettered; fixed, a replay of that message puts the item in the inbox.
/// </summary>
public sealed class InboxOutage
{
    private volatile bool _broken;

    public void Break() => _broken = true;

    public void Fix() => _broken = false;

    /// <summary>Puts the outage in front of the host's index (pass to <see cref="TestHost.StartAsync"/> as <c>configure</c>).</summary>
    public void Install(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<IRequestIndex>(sp => new OutageIndex(new TableRequestIndex(sp.GetRequiredService<StateTables>()), this));

    private sealed class OutageIndex(IRequestIndex index, InboxOutage outage) : IRequestIndex
    {
        public Task UpsertInboxEntryAsync(string authorityId, string approverGroup, InboxEntry entry, CancellationToken cancellationToken) =>
            outage._broken
                ? throw new InvalidOperationException("The inboxes cannot be written (an outage the test made).")
                : index.UpsertInboxEntryAsync(authorityId, approverGroup, entry, cancellationToken);

        public Task UpsertListEntryAsync(string authorityId, RequestListEntry entry, CancellationToken cancellationToken) =>
            index.UpsertListEntryAsync(authorityId, entry, cancellationToken);

        public Task<RequestListPage> ListAsync(string authorityId, RequestListFilter filter, string? after, int pageSize, CancellationToken cancellationToken) =>
            index.ListAsync(authorityId, filter, after, pageSize, cancellationToken);

        public bool IsListPosition(string after) => index.IsListPosition(after);

        public Task<IReadOnlyList<InboxEntry>> InboxAsync(string authorityId, string approverGroup, CancellationToken cancellationToken) =>
            index.InboxAsync(authorityId, approverGroup, cancellationToken);

        public Task<int?> ListedVersionAsync(string authorityId, string requestId, CancellationToken cancellationToken) =>
            index.ListedVersionAsync(authorityId, requestId, cancellationToken);

        public Task<int?> InboxVersionAsync(string authorityId, string approverGroup, string requestId, CancellationToken cancellationToken) =>
            index.InboxVersionAsync(authorityId, approverGroup, requestId, cancellationToken);
    }
}
