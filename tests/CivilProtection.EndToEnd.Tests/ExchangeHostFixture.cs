using CivilProtection.Application.Directory;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The parties of the exchange tests.</summary>
public static class ExchangeParties
{
    public const string Morocco = "MA-DGPC";
    public const string France = "FR-DGSCGC";
    public const string Spain = "ES-DGPCE";
    public const string Portugal = "PT-ANEPC";
    public const string Tunisia = "TN-ONPC";
}

/// <summary>
/// One host of the given kind with four partners of Morocco: France (through the seeded route: its acceptance stage approves an
/// offer), Spain (an offer stage of its own), Portugal (no offer stage: sent at once), and Tunisia, which is no partner.
/// </summary>
public sealed class ExchangeHostFixture<THost> : IAsyncLifetime where THost : IHostKind
{
    public IAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await THost.StartAsync(new HostStart(Prepare: ExchangeDirectory.PrepareAsync));

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(string? userId) => Host.ClientFor(userId);
}

/// <summary>
/// The directory the exchange tests need on top of the seeded one: Spain approves its offers in a stage of its "offers"
/// group, Portugal sends them at once, Tunisia is nobody's partner.
/// </summary>
public static class ExchangeDirectory
{
    public static async Task PrepareAsync(IServiceProvider services)
    {
        var directory = services.GetRequiredService<IDirectory>();
        var ct = CancellationToken.None;
        var validation = new StageDefinition("validation", Morocco, "validation", DecisionDeadlines.Default);
        await directory.SaveAuthorityAsync(new Authority(Spain, "ES", "Dirección General de Protección Civil y Emergencias", ["fr", "en"], "Europe/Madrid"), ct);
        await directory.SaveAuthorityAsync(new Authority(Portugal, "PT", "Autoridade Nacional de Emergência e Proteção Civil", ["fr", "en"], "Europe/Lisbon"), ct);
        await directory.SaveAuthorityAsync(new Authority(Tunisia, "TN", "Office National de la Protection Civile", ["ar", "fr"], "Africa/Tunis"), ct);
        await directory.SavePartnershipAsync(new Partnership(Morocco, Spain, [validation],
            [new StageDefinition("offer-approval", Spain, "offers", DecisionDeadlines.Default)]), ct);
        await directory.SavePartnershipAsync(new Partnership(Morocco, Portugal, [validation], []), ct);
        await directory.SaveUserAsync(new DirectoryUser("es-coordinator", "Lucía García", Spain, ["coordinator"], []), ct);
        await directory.SaveUserAsync(new DirectoryUser("es-approver", "Javier López", Spain, ["approver"], ["offers"]), ct);
        await directory.SaveUserAsync(new DirectoryUser("pt-coordinator", "João Silva", Portugal, ["coordinator"], []), ct);
        await directory.SaveUserAsync(new DirectoryUser("tn-coordinator", "Sami Gharbi", Tunisia, ["coordinator"], []), ct);
    }
}
