using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>One Functions app under the host double for a test class, in Development over the seeded directory.</summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    public FunctionsAppHost Functions { get; private set; } = null!;

    public async Task InitializeAsync() => Functions = await FunctionsAppHost.StartAsync();

    public async Task DisposeAsync() => await Functions.DisposeAsync();
}
