using System.Net;
using System.Net.Sockets;
using CivilProtection.Application.Messaging;
using CivilProtection.ServiceBusDouble.Amqp;
using CivilProtection.ServiceBusDouble.Store;

namespace CivilProtection.ServiceBusDouble;

/// <summary>
/// A Service Bus double for tests: it speaks AMQP 1.0 on a free port of 127.0.0.1 well enough that the unmodified
/// <c>ServiceBusClient</c> sends, receives, settles, schedules and peeks against it. Test infrastructure only:
/// production always uses Azure Service Bus.
/// </summary>
/// <remarks>Queues, with their settings, come from <see cref="QueueDescription"/>s; any other entity is not found, as on a namespace.</remarks>
public sealed class ServiceBusDouble : IAsyncDisposable
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(50);

    private readonly EntityRegistry _entities;
    private readonly AmqpBroker _broker;
    private readonly ITimer _tick;

    private ServiceBusDouble(EntityRegistry entities, AmqpBroker broker, int port, ServiceBusDoubleFaults faults, TimeProvider time)
    {
        _entities = entities;
        _broker = broker;
        Port = port;
        Faults = faults;

        // Scheduled messages falling due and locks expiring reach waiting receivers on this tick.
        _tick = time.CreateTimer(static state => ((ServiceBusDouble)state!).Tick(), this, TickPeriod, TickPeriod);
    }

    /// <summary>The loopback port the double listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string the SDK accepts: plain TCP to the double (<c>UseDevelopmentEmulator=true</c>); the key is never checked.</summary>
    public string ConnectionString =>
        $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VydmljZS1idXMtZG91Ymxl;UseDevelopmentEmulator=true";

    /// <summary>Faults the test can switch on: dropped connections, refused tokens, slow answers.</summary>
    public ServiceBusDoubleFaults Faults { get; }

    /// <summary>How many client connections are open now.</summary>
    public int OpenConnections => _broker.OpenConnections;

    /// <summary>Starts a double with these queues on a free loopback port.</summary>
    public static ServiceBusDouble Start(IEnumerable<QueueDescription> queues, ServiceBusDoubleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queues);
        options ??= new ServiceBusDoubleOptions();
        var entities = new EntityRegistry(options.TimeProvider);
        foreach (var queue in queues)
        {
            entities.AddQueue(queue);
        }

        var faults = new ServiceBusDoubleFaults();
        for (var attempt = 1; ; attempt++)
        {
            var broker = new AmqpBroker(entities, faults, options.MaxMessageSize);
            var port = FreeLoopbackPort();
            try
            {
                broker.Listen(port);
                return new ServiceBusDouble(entities, broker, port, faults, options.TimeProvider);
            }
            catch (SocketException) when (attempt < 5)
            {
                // Another process took the port between the probe and the listen: try another.
                broker.Dispose();
            }
        }
    }

    /// <summary>Creates a queue (and its dead-letter queue) while the double runs; a queue described again with the same settings is left as it is.</summary>
    public void AddQueue(QueueDescription queue) => _entities.AddQueue(queue);

    /// <summary>How many messages a queue holds, by state, and how many sit in its dead-letter queue.</summary>
    public EntityCounts CountMessages(string queue) =>
        (_entities.Find(queue) ?? throw new ArgumentException($"The double has no queue '{queue}'.", nameof(queue))).Counts();

    public async ValueTask DisposeAsync()
    {
        await _tick.DisposeAsync().ConfigureAwait(false);
        _broker.Dispose();
    }

    private void Tick()
    {
        foreach (var entity in _entities.All)
        {
            entity.Pump();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>How a <see cref="ServiceBusDouble"/> behaves beyond its queues.</summary>
public sealed class ServiceBusDoubleOptions
{
    /// <summary>The largest message the double announces on each link: 256 KB, as a Standard namespace.</summary>
    public ulong MaxMessageSize { get; init; } = 256 * 1024;

    /// <summary>The broker's clock: enqueue times, locks, schedules and expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
