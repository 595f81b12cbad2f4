using CivilProtection.Infrastructure.Messaging;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>The settings under <c>CivilProtection</c>: where state and messages live.</summary>
public sealed class CivilProtectionOptions
{
    public const string SectionName = "CivilProtection";

    public TableStorageOptions Tables { get; set; } = new();

    /// <summary>Empty: the in-process transport (local runs). Set: Azure Service Bus.</summary>
    public ServiceBusTransportOptions ServiceBus { get; set; } = new();

    public AzureIdentityOptions Azure { get; set; } = new();

    /// <summary>
    /// Counts every storage call (by table and kind) and queue operation the app makes, for the benchmark's costs section
    /// (<see cref="Tables.CallCounts"/>; the local host answers them at <c>GET /api/dev/call-counts</c> in Development).
    /// Off by default: then nothing is added to the clients.
    /// </summary>
    public bool CountCalls { get; set; }
}

/// <summary>Table Storage: a connection string (Azurite, local) or the table service URI reached with a managed identity (Azure).</summary>
public sealed class TableStorageOptions
{
    public string? ConnectionString { get; set; }

    public Uri? ServiceUri { get; set; }

    /// <summary>Prepended to every table name, so environments or test runs can share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>
    /// The most connections the app opens to the table endpoint; further calls wait their turn for one in the
    /// app. Unlimited, a burst opened a connection per waiting call, and Azurite, busy answering, accepted them a
    /// dozen a second: calls sent on the new ones waited seconds (docs/performance.md, "What a filing costs").
    /// 50 is also what the Functions host allows its own storage client. Judged for Azure behind a proxy adding 8 ms
    /// to each call, 200 brought back stalls of seconds at Azurite behind it (docs/configuration.md, "Tuned per store").
    /// </summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    public const int DefaultMaxConnections = 50;

    /// <summary>
    /// How many storage calls of background work (the workflow's handlers but routing, the outbox relay and sweep) may be in
    /// flight at once, so that a person's call (a filing, a decision) does not queue behind a burst of them in a store
    /// that serves one call at a time, as Azurite does. 0 turns the gate off; behind a proxy adding 8 ms to each call it
    /// did no better, so Azure keeps the gate too (docs/configuration.md, "Tuned per store"). See <see cref="BackgroundCallWait"/>.
    /// </summary>
    public int BackgroundCalls { get; set; } = DefaultBackgroundCalls;

    public const int DefaultBackgroundCalls = 1;

    /// <summary>
    /// How long a background call waits for a slot before it goes anyway: the gate reorders, it does not throttle, so
    /// a backlog still drains at full speed (a longer wait let saturated routing fall behind; docs/architecture.md).
    /// </summary>
    public TimeSpan BackgroundCallWait { get; set; } = DefaultBackgroundCallWait;

    public static readonly TimeSpan DefaultBackgroundCallWait = TimeSpan.FromMilliseconds(20);

    public static readonly TimeSpan MaxBackgroundCallWait = TimeSpan.FromSeconds(1);
}

/// <summary>Which identity Azure clients use when no connection string is given.</summary>
public sealed class AzureIdentityOptions
{
    /// <summary>The client id of the app's user-assigned managed identity; empty uses <c>DefaultAzureCredential</c>.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
