using CivilProtection.Application.Requests;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>Each assisting authority's deployment is its own row of the request's partition, written with the act's timeline line.</summary>
public sealed class DeploymentStoreTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly TableRequestStore _store = new(fixture.Tables);

    private static DeploymentState Mobilising(string requestId, string authorityId, DateTimeOffset at) => new(
        requestId, authorityId, 8, DeploymentStatus.Mobilising, null,
        [new StatusReport(DeploymentStatus.Mobilising, at, "fr-coordinator", "Sophie Bernard", null, null)]);

    [Fact]
    public async Task A_deployment_reads_back_per_authority_and_with_every_other_one_of_the_request()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var at = DateTimeOffset.UtcNow;
        var departed = Mobilising(request.Id, "FR-DGSCGC", at) with { Status = DeploymentStatus.Departed, ExpectedArrival = at.AddHours(4) };
        foreach (var deployment in new[] { departed, Mobilising(request.Id, "ES-DGPCE", at) })
        {
            var change = new PartitionChange(request.Id) { Deployment = new(deployment, null) };
            change.Events.Add(new AuditEvent(0, at, "fr-coordinator", "Sophie Bernard", AuditActions.DeploymentReported, "mobilising", null, AuthorityId: deployment.AuthorityId));
            await _store.CommitAsync(change, CancellationToken.None);
        }

        var french = await _store.FindDeploymentAsync(request.Id, "FR-DGSCGC", CancellationToken.None);
        Assert.NotNull(french);
        Assert.Equal((DeploymentStatus.Departed, at.AddHours(4), 8), (french.Value.Status, french.Value.ExpectedArrival, french.Value.People));
        Assert.Equal(DeploymentStatus.Mobilising, Assert.Single(french.Value.Reports).Status);
        Assert.Null(await _store.FindDeploymentAsync(request.Id, "IT-DPC", CancellationToken.None));
        Assert.Equal(["ES-DGPCE", "FR-DGSCGC"], (await _store.ListDeploymentsAsync(request.Id, CancellationToken.None)).Select(d => d.Value.AuthorityId).Order());
        Assert.Equal(2, (await _store.ReadTimelineAsync(request.Id, CancellationToken.None)).Count(e => e.Action == AuditActions.DeploymentReported));
    }

    [Fact]
    public async Task A_report_on_a_stale_tag_or_a_second_start_is_refused_and_stores_nothing()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var at = DateTimeOffset.UtcNow;
        await _store.CommitAsync(new PartitionChange(request.Id) { Deployment = new(Mobilising(request.Id, "FR-DGSCGC", at), null) }, CancellationToken.None);
        var read = (await _store.FindDeploymentAsync(request.Id, "FR-DGSCGC", CancellationToken.None))!;
        await _store.CommitAsync(new PartitionChange(request.Id) { Deployment = new(read.Value with { People = 9 }, read.ETag) }, CancellationToken.None);
        var timeline = (await _store.ReadTimelineAsync(request.Id, CancellationToken.None)).Count;

        var stale = new PartitionChange(request.Id) { Deployment = new(read.Value with { People = 10 }, read.ETag) };
        stale.Events.Add(new AuditEvent(0, at, "fr-coordinator", "Sophie Bernard", AuditActions.DeploymentReported, "departed", null));
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => _store.CommitAsync(stale, CancellationToken.None));
        await Assert.ThrowsAsync<ConcurrentChangeException>(() =>
            _store.CommitAsync(new PartitionChange(request.Id) { Deployment = new(Mobilising(request.Id, "FR-DGSCGC", at), null) }, CancellationToken.None));

        Assert.Equal(9, (await _store.FindDeploymentAsync(request.Id, "FR-DGSCGC", CancellationToken.None))!.Value.People);
        Assert.Equal(timeline, (await _store.ReadTimelineAsync(request.Id, CancellationToken.None)).Count);
    }
}
