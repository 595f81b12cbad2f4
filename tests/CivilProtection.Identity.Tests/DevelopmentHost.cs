using CivilProtection.Testing;

namespace CivilProtection.Identity.Tests;

/// <summary>One local host in Development for a test class, with tables of its own.</summary>
public sealed class DevelopmentHost : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
