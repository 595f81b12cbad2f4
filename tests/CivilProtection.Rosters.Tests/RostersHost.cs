using CivilProtection.Testing;

namespace CivilProtection.Rosters.Tests;

/// <summary>
/// The local host as <c>./run.sh</c> composes it (rosters, seeders, pages and all), on a loopback port over Azurite
/// with tables of its own, seeded like a local run: directory, people, rosters. One per test class.
/// </summary>
public sealed class RostersHost : IAsyncLifetime
{
    private TestHost _host = null!;

    public Uri BaseAddress => _host.BaseAddress;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public T Service<T>() where T : notnull => _host.Service<T>();

    /// <summary>A client acting as a seeded user through the Development header; null for nobody.</summary>
    public HttpClient ClientFor(string? userId) => _host.ClientFor(userId);

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
