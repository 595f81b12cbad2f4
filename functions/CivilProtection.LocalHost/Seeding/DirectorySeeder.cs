using System.Text.Json;
using CivilProtection.Application.Directory;
using CivilProtection.Domain.Partnerships;
using CivilProtection.Domain.Authorities;

namespace CivilProtection.LocalHost.Seeding;

/// <summary>Writes the seeded authorities, partnerships and people at start-up (idempotent), when <c>CivilProtection:SeedDirectory</c> is on.</summary>
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
        foreach (var partnership in seed.Partnerships)
        {
            await directory.SavePartnershipAsync(partnership, cancellationToken);
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
    public sealed record Seed(IReadOnlyList<Authority> Authorities, IReadOnlyList<Partnership> Partnerships, IReadOnlyList<DirectoryUser> Users);
}
