using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Azure.Data.Tables;
using CivilProtection.Api.Http;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.LocalHost.Seeding;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>
/// Years of requests written straight into the tables, in the rows today's code leaves behind once the workflow is
/// done: each request's partition (its snapshot and a row of audit events per change, in one transaction, built by
/// <see cref="TableRequestStore"/>), and its index rows as <see cref="RequestIndexProjector"/> projects them and
/// <see cref="TableRequestIndex"/> lays them out (by id and in filing order in each list it shows in, its decided
/// stages in the decided partitions, a waiting stage in its inbox), at most 100 rows to a partition's transaction.
/// Requests go through the Development directory's routes between its four authorities, each change made by the
/// domain's own transitions. Not written: the paging's notice and SMS rows, and outbox rows (the relay removed them).
/// </summary>
public static class HistoryWriter
{
    private const int RowsPerTransaction = 100;

    // Azurite serves one call at a time; a few in flight keep it busy while the next transactions are built.
    private const int CallsInFlight = 8;

    private static readonly TimeSpan Span = TimeSpan.FromDays(5 * 365);

    public static async Task<WrittenHistory> WriteAsync(string connectionString, string tablePrefix, int requests, int waiting, Action<string> progress, CancellationToken ct)
    {
        var tables = new StateTables(new TableServiceClient(connectionString), tablePrefix);
        await tables.CreateIfMissingAsync(ct);
        var seed = DirectorySeeder.Load();
        var routes = seed.Partnerships.Select(p => p.AsRoute()).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var people = new People(seed.Users);
        var template = Template(out var catalogueVersion);
        using var references = new TableReferenceAllocator(tables, blockSize: 1000);
        var random = new Random(16);
        var now = DateTimeOffset.UtcNow;
        // Filed in order over five years, the waiting ones in the last week, so references count up as filings did.
        var filedAt = Enumerable.Range(0, requests)
            .Select(i => i < waiting ? now - TimeSpan.FromHours(2) - TimeSpan.FromDays(7 * random.NextDouble()) : now - Span + ((Span - TimeSpan.FromDays(40)) * random.NextDouble()))
            .Select((at, i) => (At: at, Waiting: i < waiting)).OrderBy(f => f.At).ToList();

        var calls = Channel.CreateBounded<(TableClient Table, List<TableTransactionAction> Actions)>(CallsInFlight * 4);
        var rows = 0;
        var transactions = 0;
        var started = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, CallsInFlight).Select(_ => Task.Run(async () =>
        {
            await foreach (var (table, actions) in calls.Reader.ReadAllAsync(ct))
            {
                await table.SubmitTransactionAsync(actions, ct);
                Interlocked.Add(ref rows, actions.Count);
                Interlocked.Increment(ref transactions);
            }
        }, ct)).ToList();

        var byPartition = new Dictionary<string, List<TableTransactionAction>>(StringComparer.Ordinal);
        async Task AddIndexRowAsync(TableEntity row)
        {
            if (!byPartition.TryGetValue(row.PartitionKey, out var batch))
            {
                byPartition[row.PartitionKey] = batch = [];
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
            if (batch.Count == RowsPerTransaction)
            {
                byPartition.Remove(row.PartitionKey);
                await calls.Writer.WriteAsync((tables.Indexes, batch), ct);
            }
        }

        var visible = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < filedAt.Count; i++)
            {
                var route = routes[random.Next(routes.Count)];
                var (state, partition) = await LiveAsync(route, filedAt[i].At, filedAt[i].Waiting, now, people, template, catalogueVersion, references, random, ct);
                await calls.Writer.WriteAsync((tables.Requests, partition), ct);
                var projection = RequestIndexProjector.Project(state, state.UpdatedAt);
                foreach (var listed in projection.Listed)
                {
                    var list = TableRequestIndex.ListPartition(listed.AuthorityId);
                    foreach (var row in TableRequestIndex.ListRows(list, listed.Entry))
                    {
                        await AddIndexRowAsync(row);
                    }
                    (visible.TryGetValue(listed.AuthorityId, out var ids) ? ids : visible[listed.AuthorityId] = []).Add(state.Id);
                }
                foreach (var inboxed in projection.Inboxes)
                {
                    var row = TableRequestIndex.InboxRow(null, inboxed.Entry);
                    row.PartitionKey = inboxed.Entry.Active
                        ? TableRequestIndex.InboxPartition(inboxed.AuthorityId, inboxed.ApproverGroup)
                        : TableRequestIndex.DecidedPartition(inboxed.AuthorityId, inboxed.ApproverGroup);
                    row.RowKey = inboxed.Entry.RequestId;
                    await AddIndexRowAsync(row);
                }
                if ((i + 1) % 10_000 == 0)
                {
                    progress($"History: {i + 1:N0} of {requests:N0} requests built, {Volatile.Read(ref transactions):N0} transactions sent ({started.Elapsed.TotalSeconds:0} s)...");
                }
            }
            // As a first read would leave them: every list and inbox of the four authorities marked as in today's layout.
            foreach (var authority in seed.Authorities.Select(a => a.Id))
            {
                foreach (var marker in TableRequestIndex.ListLayoutMarkerRows(TableRequestIndex.ListPartition(authority)))
                {
                    await AddIndexRowAsync(marker);
                }
                foreach (var group in routes.SelectMany(r => r.Stages).Where(s => s.AuthorityId == authority).Select(s => s.ApproverGroup).Distinct(StringComparer.Ordinal))
                {
                    await AddIndexRowAsync(TableRequestIndex.InboxLayoutMarkerRow(TableRequestIndex.InboxPartition(authority, group)));
                }
            }
            foreach (var batch in byPartition.Values)
            {
                await calls.Writer.WriteAsync((tables.Indexes, batch), ct);
            }
        }
        finally
        {
            calls.Writer.TryComplete();
        }
        await Task.WhenAll(senders);
        return new WrittenHistory(requests, rows, transactions, started.Elapsed, visible.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value, StringComparer.Ordinal));
    }

    // One request's life by the domain's transitions, each change's audit events in a row of their own as a commit
    // leaves them; returns its last state and its partition's rows.
    private static async Task<(AssistanceRequestState State, List<TableTransactionAction> Partition)> LiveAsync(
        ApprovalRoute route, DateTimeOffset filedAt, bool waiting, DateTimeOffset now, People people, RequestDetails template, string catalogueVersion,
        TableReferenceAllocator references, Random random, CancellationToken ct)
    {
        var urgency = (Urgency)(random.Next(10) switch { 0 => 0, < 4 => 1, _ => 2 });
        var details = template with { Urgency = urgency, NeededBy = filedAt.AddDays(2) };
        var id = RequestIds.New(filedAt);
        var reference = await references.NextAsync(filedAt.Year, ct);
        var request = AssistanceRequest.File(id, reference, details, route, people.Duty(route.RequestingAuthorityId), filedAt, correlationId: id, catalogueVersion);
        var rows = new List<TableTransactionAction>();
        var at = filedAt;
        void Commit(Action<DateTimeOffset> change, TimeSpan after)
        {
            rows.AddRange(TableRequestStore.EventActions(request));
            at += after;
            request = AssistanceRequest.Restore(request.State);
            change(at);
        }
        var fate = waiting ? (random.Next(2) == 0 ? Fate.WaitingFirst : Fate.WaitingSecond) : random.Next(100) switch
        {
            < 70 => Fate.Closed,
            < 85 => Fate.Cancelled,
            < 97 => Fate.Approved,
            _ => Fate.Rejected,
        };
        var stageDecisions = fate switch
        {
            Fate.WaitingFirst => 0,
            Fate.WaitingSecond => 1,
            Fate.Cancelled or Fate.Rejected => random.Next(route.Stages.Count),
            _ => route.Stages.Count,
        };
        var decisionTime = waiting ? TimeSpan.FromMinutes(random.Next(5, 60)) : TimeSpan.FromMinutes(random.Next(10, 600));
        for (var stage = 0; stage < stageDecisions; stage++)
        {
            var approver = people.Approver(route.Stages[stage].AuthorityId);
            Commit(t => request.Approve(approver, t, comment: null), decisionTime);
        }
        switch (fate)
        {
            case Fate.Closed:
                Commit(t => request.Close(people.Coordinator(route.AssistingAuthorityId), t, "Mission terminée"), TimeSpan.FromDays(random.Next(3, 30)));
                break;
            case Fate.Cancelled:
                Commit(t => request.Cancel(people.Duty(route.RequestingAuthorityId), t, "Plus nécessaire"), decisionTime);
                break;
            case Fate.Rejected:
                Commit(t => request.Reject(people.Approver(route.Stages[stageDecisions].AuthorityId), t, "Moyens indisponibles"), decisionTime);
                break;
        }
        rows.AddRange(TableRequestStore.EventActions(request));
        rows.Insert(0, new TableTransactionAction(TableTransactionActionType.Add, TableRequestStore.Snapshot(request.State)));
        if (at > now)
        {
            throw new InvalidOperationException($"History: request {id} would change after now ({at:O}).");
        }
        return (request.State, rows);
    }

    // The details of the benchmark's filing form, as the intake validates them.
    private static RequestDetails Template(out string catalogueVersion)
    {
        var form = JsonSerializer.Deserialize<RequestForm>(RequestSamples.Flood().ToJsonString(), ApiJson.Options)!;
        var errors = new FieldErrors();
        return RequestDetailsValidator.Validate(form, DateTimeOffset.UtcNow, errors, out catalogueVersion)
            ?? throw new InvalidOperationException("History: the sample form does not validate.");
    }

    private enum Fate
    {
        Closed,
        Cancelled,
        Approved,
        Rejected,
        WaitingFirst,
        WaitingSecond,
    }

    // Who does what in the seeded directory: each authority's duty officer, first approver and coordinator.
    private sealed class People(IReadOnlyList<DirectoryUser> users)
    {
        public Actor Duty(string authorityId) => With(authorityId, Roles.DutyOfficer);

        public Actor Approver(string authorityId) => With(authorityId, Roles.Approver);

        public Actor Coordinator(string authorityId) => With(authorityId, Roles.Coordinator);

        private Actor With(string authorityId, string role)
        {
            var user = users.First(u => u.AuthorityId == authorityId && u.Roles.Contains(role));
            return new Actor(user.UserId, user.DisplayName);
        }
    }
}

/// <summary>What the history holds: how many requests and rows, in how many transactions and how long; each authority's request ids.</summary>
public sealed record WrittenHistory(int Requests, int Rows, int Transactions, TimeSpan Elapsed, IReadOnlyDictionary<string, IReadOnlyList<string>> VisibleTo);
