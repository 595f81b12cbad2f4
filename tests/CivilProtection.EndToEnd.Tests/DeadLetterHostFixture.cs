using CivilProtection.Application.Directory;
using CivilProtection.Domain.Authorities;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Builder;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// A local host whose inboxes a test can make unwritable (<see cref="InboxOutage"/>), with a third authority and its admin,
/// counting dead letters every second. Over the in-process transport; <see cref="ServiceBusDeadLetterHostFixture"/> over Service Bus.
/// </summary>
public class DeadLetterHostFixture : IAsyncLifetime
{
    public InboxOutage Outage { get; } = new();

    public TestHost Host { get; private set; } = null!;

    public HttpClient As(string? userId) => Host.ClientFor(userId);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["CivilProtection:DeadLetters:CountEvery"] = "00:00:01" };
        foreach (var (key, value) in TransportSettings())
        {
            settings[key] = value;
        }
        var tablePrefix = Azurite.UniquePrefix();
        Host = await TestHost.StartAsync(settings: settings, tablePrefix: tablePrefix, configure: builder =>
        {
            Outage.Install(builder);
            Configure(builder, tablePrefix);
        });
        var directory = Host.Service<IDirectory>();
        // A third authority, party to none of the requests these tests file: its admin must see none of their dead letters.
        await directory.SaveAuthorityAsync(new Authority("TN-ONPC", "TN", "Office National de la Protection Civile", ["ar", "fr"], "Africa/Tunis"), CancellationToken.None);
        await directory.SaveUserAsync(new DirectoryUser("tn-admin", "Sami Gharbi", "TN-ONPC", ["admin"], []), CancellationToken.None);
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    protected virtual IReadOnlyDictionary<string, string?> TransportSettings() => new Dictionary<string, string?>();

    /// <summary>The in-process transport, with short locks (<see cref="ShortLocks.UseInProcessTransport"/>).</summary>
    protected virtual void Configure(WebApplicationBuilder builder, string tablePrefix) => ShortLocks.UseInProcessTransport(builder, tablePrefix);
}

/// <summary>The same host with the Service Bus adapter, over a Service Bus double holding every queue of the shared description.</summary>
public sealed class ServiceBusDeadLetterHostFixture : DeadLetterHostFixture
{
    private ServiceBusDouble.ServiceBusDouble? _serviceBus;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_serviceBus is not null)
        {
            await _serviceBus.DisposeAsync();
        }
    }

    protected override void Configure(WebApplicationBuilder builder, string tablePrefix)
    {
        // The Service Bus adapter, as configured by the settings.
    }

    protected override IReadOnlyDictionary<string, string?> TransportSettings()
    {
        _serviceBus = ServiceBusDouble.ServiceBusDouble.Start(ShortLocks.Queues);
        return new Dictionary<string, string?> { ["CivilProtection:ServiceBus:ConnectionString"] = _serviceBus.ConnectionString };
    }
}
