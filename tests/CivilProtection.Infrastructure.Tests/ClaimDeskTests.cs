using CivilProtection.Application.Costs;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Costs;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// The cost-claim desk against Azurite: France claims once its deployment row says returned, Morocco reviews, France
/// revises the disputed line, Morocco pays; each act one transaction with its timeline line, a retry applied once,
/// a stale version refused, bad input naming each field and storing nothing, and nobody else sees the claim.
/// </summary>
public sealed class ClaimDeskTests(TableFixture fixture) : IClassFixture<TableFixture>, IDisposable
{
    private const string France = "FR-DGSCGC";
    private static readonly Caller FrenchCoordinator = new("fr-coordinator", "Sophie Bernard", France, [Roles.Coordinator], []);
    private static readonly Caller FrenchApprover = new("fr-approver", "Julien Moreau", France, [Roles.Approver], ["acceptance"]);
    private static readonly Caller MoroccanApprover = new("ma-approver", "Salma Benali", "MA-DGPC", [Roles.Approver], ["validation"]);
    private static readonly Caller MoroccanDuty = new("ma-duty", "Youssef El Amrani", "MA-DGPC", [Roles.DutyOfficer], []);
    private static readonly Caller ItalianAdmin = new("it-admin", "Marco Rossi", "IT-DPC", [Roles.Admin], []);

    private readonly TableRequestStore _store = new(fixture.Tables);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly InProcessTransport _transport = new(QueueDescription.Embedded, TimeProvider.System, new MemoryQueueJournal());

    public void Dispose() => _transport.Dispose();

    private ClaimDesk Desk()
    {
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var relay = new OutboxRelay(outbox, new TableRepairTickets(fixture.Tables), _transport, _clock, NullLogger<OutboxRelay>.Instance);
        return new ClaimDesk(_store, new PartitionWriter(_store, outbox, relay), _clock);
    }

    private static ClaimLineForm LineForm(string category, decimal amount, string currency, bool? eu = null, string description = "Frais de mission") =>
        new() { Category = category, Description = description, Amount = amount, Currency = currency, EuMayCoFinance = eu };

    private static ClaimForm Claim() => new()
    {
        Lines = [LineForm("personnel", 42_000.50m, "EUR"), LineForm("transport", 18_250m, "EUR", eu: true), LineForm("consumables", 12_400.25m, "MAD")],
    };

    // A request whose French deployment row has reached the status given.
    private async Task<string> RequestWithDeploymentAsync(DeploymentStatus status)
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var at = _clock.GetUtcNow();
        var deployment = new DeploymentState(request.Id, France, 8, status, null,
            [new StatusReport(status, at, FrenchCoordinator.UserId, FrenchCoordinator.DisplayName, null, null)]) { Version = 1 };
        await _store.CommitAsync(new PartitionChange(request.Id) { Deployment = new(deployment, null) }, CancellationToken.None);
        return request.Id;
    }

    private async Task<int> TimelineCountAsync(string requestId, string action) =>
        (await _store.ReadTimelineAsync(requestId, CancellationToken.None)).Count(e => e.Action == action);

    [Fact]
    public async Task A_claim_waits_for_the_return_and_a_retried_submit_is_applied_once()
    {
        var desk = Desk();
        var operating = await RequestWithDeploymentAsync(DeploymentStatus.Operating);
        await Assert.ThrowsAsync<TransitionRefusedException>(() => desk.SubmitAsync(FrenchCoordinator, operating, Claim(), CancellationToken.None));
        Assert.Null(await _store.FindClaimAsync(operating, France, CancellationToken.None));

        var id = await RequestWithDeploymentAsync(DeploymentStatus.Returned);
        await desk.SubmitAsync(FrenchCoordinator, id, Claim(), CancellationToken.None);
        await desk.SubmitAsync(FrenchCoordinator, id, Claim(), CancellationToken.None);

        var stored = await _store.FindClaimAsync(id, France, CancellationToken.None);
        Assert.Equal((ClaimStatus.Submitted, 1, "MA-DGPC"), (stored!.Value.Status, stored.Value.Version, stored.Value.RequestingAuthorityId));
        Assert.Equal(1, await TimelineCountAsync(id, AuditActions.CostClaimSubmitted));
        Assert.Equal("submitted", (await fixture.PartitionAsync(id)).Single(r => r.RowKey == $"claim-{id}-{France}").GetString("Status"));

        // Another claim for the same deployment is refused: disputed lines are revised instead.
        var other = Claim();
        other.Lines![0].Amount = 1m;
        await Assert.ThrowsAsync<TransitionRefusedException>(() => desk.SubmitAsync(FrenchCoordinator, id, other, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.SubmitAsync(FrenchApprover, id, Claim(), CancellationToken.None));
        Assert.Equal(1, await TimelineCountAsync(id, AuditActions.CostClaimSubmitted));
    }

    [Fact]
    public async Task Bad_lines_are_refused_naming_every_bad_field_and_nothing_is_stored()
    {
        var desk = Desk();
        var id = await RequestWithDeploymentAsync(DeploymentStatus.Returned);
        var timeline = (await _store.ReadTimelineAsync(id, CancellationToken.None)).Count;
        var form = new ClaimForm
        {
            Lines =
            [
                LineForm("personnel", 100m, "EURO"),
                LineForm("equipment", 10.005m, "EUR", eu: true),
                LineForm("fuel", 5m, "JPY", description: " "),
                LineForm("subsistence", 12.5m, "JPY"),
                LineForm("transport", -4m, "TND"),
            ],
        };

        var refused = await Assert.ThrowsAsync<FormRejectedException>(() => desk.SubmitAsync(FrenchCoordinator, id, form, CancellationToken.None));

        Assert.Equal(
            ["lines[0].currency", "lines[1].amount", "lines[1].euMayCoFinance", "lines[2].category", "lines[2].description", "lines[3].amount", "lines[4].amount"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<FormRejectedException>(() => desk.SubmitAsync(FrenchCoordinator, id, new ClaimForm(), CancellationToken.None));
        Assert.Null(await _store.FindClaimAsync(id, France, CancellationToken.None));
        Assert.Equal(timeline, (await _store.ReadTimelineAsync(id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Reviewed_revised_approved_and_paid_each_once_with_stale_versions_refused_and_only_the_parties_seeing_it()
    {
        var desk = Desk();
        var id = await RequestWithDeploymentAsync(DeploymentStatus.Returned);
        await desk.SubmitAsync(FrenchCoordinator, id, Claim(), CancellationToken.None);
        var review = new ClaimReviewForm
        {
            Version = 1,
            Lines =
            [
                new LineVerdictForm { Line = 0, Decision = "approve" },
                new LineVerdictForm { Line = 1, Decision = "partly-approve", ApprovedAmount = 15_000m, Reason = "Tarif de référence" },
                new LineVerdictForm { Line = 2, Decision = "dispute", Reason = "Pas de justificatif" },
            ],
        };

        // Neither the requester's duty officer nor the claimant reviews; anybody else does not even see the claim.
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.ReviewAsync(MoroccanDuty, id, France, review, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.ReviewAsync(FrenchApprover, id, France, review, CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.ReviewAsync(ItalianAdmin, id, France, review, CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.ReviewAsync(MoroccanApprover, id, "ES-DGPCE", review, CancellationToken.None));

        await desk.ReviewAsync(MoroccanApprover, id, France, review, CancellationToken.None);
        await desk.ReviewAsync(MoroccanApprover, id, France, review, CancellationToken.None); // the retry changes nothing
        Assert.Equal(1, await TimelineCountAsync(id, AuditActions.CostClaimReviewed));

        // A bad review names each bad field.
        var bad = new ClaimReviewForm { Lines = [new LineVerdictForm { Line = 7, Decision = "maybe" }, new LineVerdictForm { Line = 1, Decision = "partly-approve", ApprovedAmount = 20_000m }] };
        var refused = await Assert.ThrowsAsync<FormRejectedException>(() => desk.ReviewAsync(MoroccanApprover, id, France, bad, CancellationToken.None));
        Assert.Equal(["lines[0].decision", "lines[0].line", "lines[1].approvedAmount", "lines[1].reason"], refused.Errors.Keys.Order(StringComparer.Ordinal));

        // France revises the disputed fuel; an edit made on the version before the review is refused.
        var revision = Claim();
        revision.Lines![2].Amount = 9_800m;
        revision.Version = 1;
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => desk.ReviseAsync(FrenchCoordinator, id, France, revision, CancellationToken.None));
        revision.Version = 2;
        await desk.ReviseAsync(FrenchCoordinator, id, France, revision, CancellationToken.None);
        await desk.ReviseAsync(FrenchCoordinator, id, France, revision, CancellationToken.None);
        Assert.Equal(1, await TimelineCountAsync(id, AuditActions.CostClaimRevised));

        await desk.ReviewAsync(MoroccanApprover, id, France, new ClaimReviewForm { Version = 3, Lines = [new LineVerdictForm { Line = 2, Decision = "approve" }] },
            CancellationToken.None);
        await Assert.ThrowsAsync<AccessDeniedException>(() => desk.RecordPaymentAsync(MoroccanDuty, id, France, new ClaimPaymentForm(), CancellationToken.None));
        await desk.RecordPaymentAsync(MoroccanApprover, id, France, new ClaimPaymentForm { Reference = "VIR-118", Version = 4 }, CancellationToken.None);
        await desk.RecordPaymentAsync(MoroccanApprover, id, France, new ClaimPaymentForm { Reference = "VIR-118", Version = 4 }, CancellationToken.None);
        Assert.Equal(1, await TimelineCountAsync(id, AuditActions.CostClaimPaid));

        var seen = await desk.ForRequestAsync(FrenchCoordinator, id, CancellationToken.None);
        var claim = Assert.Single(seen.Claims);
        Assert.Equal(("paid", 5), (claim.Status, claim.Version));
        Assert.Equal([new CurrencyTotal("EUR", 60_250.50m, 57_000.50m, 57_000.50m), new CurrencyTotal("MAD", 9_800m, 9_800m, 9_800m)], seen.Totals);
        await Assert.ThrowsAsync<NotFoundException>(() => desk.ForRequestAsync(ItalianAdmin, id, CancellationToken.None));

        var french = await desk.TotalsAsync(FrenchApprover, CancellationToken.None);
        Assert.Contains(new PartyTotal("MA-DGPC", "MAD", 1, 9_800m, 9_800m, 9_800m), french.AsAssisting);
        Assert.DoesNotContain(french.AsRequesting, t => t.AuthorityId == France);
        var moroccan = await desk.TotalsAsync(MoroccanDuty, CancellationToken.None);
        Assert.Contains(moroccan.AsRequesting, t => t.AuthorityId == France && t.Currency == "EUR");
        var italian = await desk.TotalsAsync(ItalianAdmin, CancellationToken.None);
        Assert.Empty(italian.AsAssisting);
        Assert.Empty(italian.AsRequesting);
    }

    [Fact]
    public async Task A_claim_row_written_on_a_stale_tag_is_refused_with_its_timeline_line()
    {
        var id = await RequestWithDeploymentAsync(DeploymentStatus.Returned);
        await Desk().SubmitAsync(FrenchCoordinator, id, Claim(), CancellationToken.None);
        var read = (await _store.FindClaimAsync(id, France, CancellationToken.None))!;
        await _store.CommitAsync(new PartitionChange(id) { Claim = new(read.Value with { Version = 2 }, read.ETag) }, CancellationToken.None);
        var timeline = (await _store.ReadTimelineAsync(id, CancellationToken.None)).Count;

        var stale = new PartitionChange(id) { Claim = new(read.Value with { Version = 3 }, read.ETag) };
        stale.Events.Add(new AuditEvent(0, _clock.GetUtcNow(), "ma-approver", "Salma Benali", AuditActions.CostClaimReviewed, "line 1 approved", null, AuthorityId: France));
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => _store.CommitAsync(stale, CancellationToken.None));

        Assert.Equal(2, (await _store.FindClaimAsync(id, France, CancellationToken.None))!.Value.Version);
        Assert.Equal(timeline, (await _store.ReadTimelineAsync(id, CancellationToken.None)).Count);
    }
}
