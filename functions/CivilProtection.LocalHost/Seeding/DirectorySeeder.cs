using System.Text.Json;
using CivilProtection.Application.Directory;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;

namespace CivilProtection.LocalHost.Seeding;

/// <summary>Writes the seeded authorities, routes and people at start-up (idempotent), when <c>CivilProtection:SeedDirectory</c> is on.</summary>
public sealed class DirectorySeeder(IDirectory directory, IConfiguration configuration) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("CivilProtection:SeedDirectory", false))
        {
            return;
        }
        var seed = Load();
        foreach (var authority in seed.Authorities)
        {
            await directory.SaveAuthorityAsync(authority, cancellationToken);
        }
        foreach (var route in seed.Routes)
        {
            await directory.SaveRouteAsync(route, cancellationToken);
        }
        foreach (var user in seed.Users)
        {
            await directory.SaveUserAsync(user, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The seed shipped with the local host.</summary>
    public static Seed Load()
    {
        using var stream = typeof(DirectorySeeder).Assembly.GetManifestResourceStream("seed.json")
            ?? throw new InvalidOperationException("seed.json is not embedded.");
        return JsonSerializer.Deserialize<Seed>(stream, Json) ?? throw new InvalidDataException("seed.json is empty.");
    }

    /// <summary>The seeded directory.</summary>
    public sealed record Seed(IReadOnlyList<Authority> Authorities, IReadOnlyList<ApprovalRoute> Routes, IReadOnlyList<DirectoryUser> Users);
}
