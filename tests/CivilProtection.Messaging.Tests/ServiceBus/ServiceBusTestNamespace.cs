using Azure.Messaging.ServiceBus.Administration;
using CivilProtection.Application.Messaging;
using LoopbackDouble = CivilProtection.ServiceBusDouble.ServiceBusDouble;

namespace CivilProtection.Messaging.Tests.ServiceBus;

/// <summary>
/// Where the Service Bus tests run: the double on loopback, or a real namespace when <see cref="ConnectionStringVariable"/>
/// holds its connection string. Queues are created for the tests (in a real namespace through the administration client) and deleted after.
/// </summary>
public sealed class ServiceBusTestNamespace : IAsyncDisposable
{
    /// <summary>The environment variable that points the tests at a real namespace instead of the double.</summary>
    public const string ConnectionStringVariable = "CP_SERVICEBUS_CONNECTION_STRING";

    private readonly LoopbackDouble? _double;
    private readonly ServiceBusAdministrationClient? _administration;
    private readonly List<string> _created = [];
    private readonly Lock _gate = new();

    private ServiceBusTestNamespace(LoopbackDouble? serviceBusDouble, string connectionString)
    {
        _double = serviceBusDouble;
        ConnectionString = connectionString;
        _administration = serviceBusDouble is null ? new ServiceBusAdministrationClient(connectionString) : null;
    }

    public string ConnectionString { get; }

    public bool IsDouble => _double is not null;

    /// <summary>The double itself, for tests that look inside it; only when no real namespace is configured.</summary>
    public LoopbackDouble ServiceBusDouble =>
        _double ?? throw new InvalidOperationException($"The tests run against the namespace in {ConnectionStringVariable}, not the double.");

    /// <summary>The double, unless <see cref="ConnectionStringVariable"/> names a real namespace.</summary>
    public static ServiceBusTestNamespace Start()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new ServiceBusTestNamespace(null, connectionString);
        }

        var serviceBusDouble = LoopbackDouble.Start([]);
        return new ServiceBusTestNamespace(serviceBusDouble, serviceBusDouble.ConnectionString);
    }

    /// <summary>Creates the queues with their settings.</summary>
    public async Task CreateQueuesAsync(IEnumerable<QueueDescription> queues, CancellationToken cancellationToken)
    {
        foreach (var queue in queues)
        {
            if (_double is not null)
            {
                _double.AddQueue(queue);
                continue;
            }

            await _administration!.CreateQueueAsync(
                new CreateQueueOptions(queue.Name)
                {
                    LockDuration = queue.LockDuration,
                    MaxDeliveryCount = queue.MaxDeliveryCount,
                    RequiresDuplicateDetection = queue.DuplicateDetectionHistoryTimeWindow > TimeSpan.Zero,
                    DuplicateDetectionHistoryTimeWindow = queue.DuplicateDetectionHistoryTimeWindow > TimeSpan.Zero
                        ? queue.DuplicateDetectionHistoryTimeWindow
                        : TimeSpan.FromMinutes(1),
                    DefaultMessageTimeToLive = queue.DefaultMessageTimeToLive,
                    DeadLetteringOnMessageExpiration = queue.DeadLetteringOnMessageExpiration,
                    // A run that dies before its clean-up leaves nothing behind for long.
                    AutoDeleteOnIdle = TimeSpan.FromMinutes(30),
                },
                cancellationToken);
            lock (_gate)
            {
                _created.Add(queue.Name);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_double is not null)
        {
            await _double.DisposeAsync();
            return;
        }

        foreach (var queue in _created)
        {
            await _administration!.DeleteQueueAsync(queue);
        }
    }
}

/// <summary>One namespace (the double, or the configured one) for the tests of a class.</summary>
public sealed class ServiceBusNamespaceFixture : IAsyncLifetime
{
    public ServiceBusTestNamespace Namespace { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Namespace = ServiceBusTestNamespace.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Namespace.DisposeAsync();
}
