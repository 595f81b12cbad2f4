using System.Collections.Concurrent;
using CivilProtection.ServiceBusDouble.Store;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>
/// The AMQP side of the double, on the SDK's own library: a plain TCP listener, SASL with the <c>MSSBCBS</c> mechanism the
/// SDK asks for, and the library's runtime hooks, through which every link attach is routed to the node it names.
/// </summary>
internal sealed class AmqpBroker : IRuntimeProvider, IDisposable
{
    private const string SaslMechanism = "MSSBCBS";
    private static readonly Version AmqpVersion = new(1, 0, 0, 0);

    private readonly EntityRegistry _entities;
    private readonly ServiceBusDoubleFaults _faults;
    private readonly ulong _maxMessageSize;
    private readonly ReplyLinks _replies = new();
    private readonly CbsNode _cbs;
    private readonly ConcurrentDictionary<MessageEntity, ManagementNode> _managementNodes = new();
    private readonly ConcurrentDictionary<AmqpConnection, byte> _connections = new();
    private readonly AmqpSettings _settings;
    private AmqpTransportListener? _listener;

    public AmqpBroker(EntityRegistry entities, ServiceBusDoubleFaults faults, ulong maxMessageSize)
    {
        _entities = entities;
        _faults = faults;
        _maxMessageSize = maxMessageSize;
        _cbs = new CbsNode(faults);
        _settings = CreateSettings();
        _faults.DropRequested += DropConnections;
    }

    public int OpenConnections => _connections.Count;

    /// <summary>Listens on 127.0.0.1 at <paramref name="port"/>, without TLS (the SDK's development-emulator mode).</summary>
    public void Listen(int port)
    {
        var tcp = new TcpTransportSettings { Host = "127.0.0.1", Port = port };
        _listener = new AmqpTransportListener([tcp.CreateListener()], _settings);
        _listener.Listen(OnAcceptTransport);
    }

    public void Dispose()
    {
        _faults.DropRequested -= DropConnections;
        _listener?.Close();
        foreach (var connection in _connections.Keys)
        {
            connection.SafeClose();
        }
    }

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    // Incoming sessions are created by the connection itself; the library asks only when this side begins one.
    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) =>
        throw new InvalidOperationException("The double never begins sessions.");

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        // The SDK refuses every message when the attach answer does not carry a maximum message size.
        settings.MaxMessageSize = _maxMessageSize;
        if (settings.Role == true)
        {
            settings.TotalLinkCredit = 1000;
            settings.AutoSendFlow = true;
            return new ReceivingAmqpLink(session, settings);
        }

        return new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        var rawAddress = link.IsReceiver ? (link.Settings.Target as Target)?.Address : (link.Settings.Source as Source)?.Address;
        var address = EntityAddress.Parse(rawAddress?.ToString() ?? throw new AmqpException(AmqpErrorCode.InvalidField, "The attach names no address."));
        switch (address.Kind)
        {
            case EntityAddressKind.Cbs:
                AttachRequestResponse(link, _cbs.Handle);
                break;
            case EntityAddressKind.Management:
                var managed = Find(address.EntityPath);
                AttachRequestResponse(link, _managementNodes.GetOrAdd(managed, static entity => new ManagementNode(entity)).Handle);
                break;
            default:
                AttachEntity(link, Find(address.EntityPath));
                break;
        }

        return new CompletedAsyncResult(callback, state);
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    private void AttachRequestResponse(AmqpLink link, Func<AmqpMessage, AmqpMessage> handle)
    {
        if (link is ReceivingAmqpLink requests)
        {
            RequestLink.Attach(requests, handle, _replies, _faults);
        }
        else
        {
            _replies.Attach((SendingAmqpLink)link);
        }
    }

    private void AttachEntity(AmqpLink link, MessageEntity entity)
    {
        if (link is ReceivingAmqpLink intake)
        {
            if (entity.DeadLetterQueue is null)
            {
                throw new AmqpException(AmqpErrorCode.NotAllowed, $"Messages cannot be sent to the dead-letter queue '{entity.Path}'.");
            }

            IntakeLink.Attach(intake, entity, _faults);
        }
        else
        {
            DeliveryLink.Attach((SendingAmqpLink)link, entity, _faults, DropConnection);
        }
    }

    // amqp:not-found is what the SDK maps to MessagingEntityNotFound.
    private MessageEntity Find(string path) =>
        _entities.Find(path) ?? throw new AmqpException(AmqpErrorCode.NotFound, $"The messaging entity '{path}' could not be found.");

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        var connection = CreateConnection(
            args.Transport,
            (ProtocolHeader)args.UserToken,
            false,
            _settings,
            new AmqpConnectionSettings { ContainerId = "servicebus-double", MaxFrameSize = AmqpConstants.DefaultMaxFrameSize, IdleTimeOut = 4 * 60 * 1000 });
        _connections.TryAdd(connection, 0);
        connection.Closed += (_, _) => _connections.TryRemove(connection, out _);
        _ = OpenAsync(connection);
    }

    private static async Task OpenAsync(AmqpConnection connection)
    {
        try
        {
            await connection.OpenAsync(AmqpConstants.DefaultTimeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmqpException or IOException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            connection.SafeClose(exception);
        }
    }

    private void DropConnections()
    {
        foreach (var connection in _connections.Keys)
        {
            DropConnection(connection);
        }
    }

    // Abort sends no close frame: the client sees the socket go, as on a network failure.
    private void DropConnection(AmqpConnection connection) => connection.Abort();

    private AmqpSettings CreateSettings()
    {
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new Microsoft.Azure.Amqp.AmqpVersion(AmqpVersion));
        sasl.AddHandler(new SaslAnonymousHandler(SaslMechanism));
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new Microsoft.Azure.Amqp.AmqpVersion(AmqpVersion));
        var settings = new AmqpSettings { RuntimeProvider = this };
        settings.TransportProviders.Add(sasl);
        settings.TransportProviders.Add(amqp);
        return settings;
    }
}
