using System.Text.Json;
using Azure.Data.Tables;
using CivilProtection.Api.Http;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>
/// The filing's own transaction without the local host: the request the intake builds from the same form, committed
/// by the same <see cref="TableRequestStore"/> (snapshot, audit events, outbox rows) straight into the same Azurite,
/// under the same load, into tables of its own that no relay reads. Between the floor and the intake, it tells the
/// storage's share of a filing from the local host's and its HTTP.
/// </summary>
public static class CommitBenchmark
{
    private static readonly ApprovalRoute Route = new("MA-DGPC", "FR-DGSCGC",
    [
        new StageDefinition("validation", "MA-DGPC", "validation", DecisionDeadlines.Default),
        new StageDefinition("acceptance", "FR-DGSCGC", "acceptance", DecisionDeadlines.Default),
    ]);

    private static readonly Actor DutyOfficer = new("ma-duty", "Youssef El Amrani");

    public static async Task<PhaseResult> RunAsync(string connectionString, string prefix, int clients, int commits, int warmup, double? perSecond, CancellationToken cancellationToken)
    {
        var tables = new StateTables(new TableServiceClient(connectionString), prefix);
        await tables.Requests.CreateIfNotExistsAsync(cancellationToken);
        var store = new TableRequestStore(tables);
        var form = JsonSerializer.Deserialize<RequestForm>(RequestSamples.Flood().ToJsonString(), ApiJson.Options)!;
        await TimedPhase.RunAsync(clients, warmup, null, Commit, cancellationToken);
        return await TimedPhase.RunAsync(clients, commits, perSecond, Commit, cancellationToken);

        Task Commit(int client, int i)
        {
            var now = DateTimeOffset.UtcNow;
            var errors = new FieldErrors();
            var details = RequestDetailsValidator.Validate(form, now, errors)
                ?? throw new InvalidOperationException($"The sample form is refused: {string.Join(", ", errors.ToDictionary().Keys)}");
            var id = RequestIds.New(now);
            var request = AssistanceRequest.File(id, $"AR-{now.Year}-{i % 100000:D5}", details, Route, DutyOfficer, now, correlationId: id);
            return store.CreateAsync(request, cancellationToken);
        }
    }
}
