using CivilProtection.Application.Directory;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>One host of the given kind in Development for a test class, with a third country and a few extra people beside the seed.</summary>
public sealed class HostFixture<THost> : IAsyncLifetime where THost : IHostKind
{
    public IAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await THost.StartAsync(new HostStart(Prepare: PrepareAsync));

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(string? userId) => Host.ClientFor(userId);

    private static async Task PrepareAsync(IServiceProvider services)
    {
        var directory = services.GetRequiredService<IDirectory>();
        var ct = CancellationToken.None;
        // A third country with a three-stage route: the model is not limited to one pair.
        await directory.SaveAuthorityAsync(new Authority("TN-ONPC", "TN", "Office National de la Protection Civile", ["ar", "fr"], "Africa/Tunis"), ct);
        await directory.SaveRouteAsync(new ApprovalRoute("MA-DGPC", "TN-ONPC",
        [
            new StageDefinition("validation", "MA-DGPC", "validation", DecisionDeadlines.Default),
            new StageDefinition("ministry", "MA-DGPC", "ministry", DecisionDeadlines.Default),
            new StageDefinition("acceptance", "TN-ONPC", "acceptance", DecisionDeadlines.Default),
        ]), ct);
        await directory.SaveUserAsync(new DirectoryUser("tn-approver", "Amine Ben Salah", "TN-ONPC", ["approver"], ["acceptance"]), ct);
        await directory.SaveUserAsync(new DirectoryUser("tn-duty", "Leila Trabelsi", "TN-ONPC", ["duty-officer"], []), ct);
        await directory.SaveUserAsync(new DirectoryUser("ma-minister", "Hicham Idrissi", "MA-DGPC", ["approver"], ["ministry"]), ct);
        // An approver of the right authority but only of the acceptance group: may not validate.
        await directory.SaveUserAsync(new DirectoryUser("ma-acceptor", "Omar Fassi", "MA-DGPC", ["approver"], ["acceptance"]), ct);
        await directory.SaveUserAsync(new DirectoryUser("ma-validator-2", "Rachid Berrada", "MA-DGPC", ["approver"], ["validation"]), ct);
    }
}
