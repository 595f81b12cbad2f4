using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using CivilProtection.Application.Messaging;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>The transport in Azure: the port's queues are Azure Service Bus queues, received in peek-lock mode.</summary>
/// <remarks>
/// Thread-safe and meant to be a singleton, like the <see cref="ServiceBusClient"/> it wraps. One sender, one receiver and
/// one dead-letter receiver per queue are created on first use and kept; a message is settled through the receiver of its queue.
/// </remarks>
public sealed class ServiceBusTransport : IMessageTransport, IAsyncDisposable
{
    // Service Bus refuses a zero wait; this is long enough for a round trip to return what is already there.
    internal static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(100);

    private readonly ServiceBusClient _client;
    private readonly bool _ownsClient;
    private readonly ConcurrentDictionary<string, Lazy<ServiceBusSender>> _senders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ServiceBusReceiver>> _receivers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ServiceBusReceiver>> _deadLetterReceivers = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>Uses a client owned elsewhere (for instance registered with <c>AddAzureClients</c>); disposing the transport leaves the client open.</summary>
    public ServiceBusTransport(ServiceBusClient client)
        : this(client, ownsClient: false)
    {
    }

    private ServiceBusTransport(ServiceBusClient client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <summary>Creates a transport with its own client: from the connection string, or from the namespace and <paramref name="credential"/> (default: <see cref="DefaultAzureCredential"/>).</summary>
    public static ServiceBusTransport Create(ServiceBusTransportOptions options, TokenCredential? credential = null) =>
        new(CreateClient(options, credential), ownsClient: true);

    internal ServiceBusClient Client => _client;

    public async Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sender = SenderFor(queue);
        try
        {
            await sender.SendMessageAsync(ServiceBusMessageMapping.ToServiceBusMessage(message), cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceBusException exception) when (ServiceBusMessageMapping.Translate(exception, queue) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var wait = EffectiveWait(maxWait);
        var receiver = ReceiverFor(queue);
        try
        {
            IReadOnlyList<ServiceBusReceivedMessage> received;
            do
            {
                received = await receiver.ReceiveMessagesAsync(maxMessages, wait, cancellationToken).ConfigureAwait(false);
            }
            while (received.Count == 0 && maxWait == Timeout.InfiniteTimeSpan);

            return received.Select(message => ServiceBusMessageMapping.ToReceivedMessage(queue, message)).ToList();
        }
        catch (ServiceBusException exception) when (ServiceBusMessageMapping.Translate(exception, queue) is { } translated)
        {
            throw translated;
        }
    }

    public async Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var native = ServiceBusMessageMapping.NativeOf(message);
        try
        {
            await ReceiverFor(message.Queue).CompleteMessageAsync(native, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceBusException exception) when (ServiceBusMessageMapping.Translate(exception, message.Queue) is { } translated)
        {
            throw translated;
        }
    }

    public async Task AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var native = ServiceBusMessageMapping.NativeOf(message);
        try
        {
            await ReceiverFor(message.Queue).AbandonMessageAsync(native, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceBusException exception) when (ServiceBusMessageMapping.Translate(exception, message.Queue) is { } translated)
        {
            throw translated;
        }
    }

    public async Task DeadLetterAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var native = ServiceBusMessageMapping.NativeOf(message);
        try
        {
            await ReceiverFor(message.Queue).DeadLetterMessageAsync(native, reason, description, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceBusException exception) when (ServiceBusMessageMapping.Translate(exception, message.Queue) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(string queue, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var receiver = DeadLetterReceiverFor(queue);
        try
        {
            // From the first sequence number every time: without it a receiver's peeks continue where its last one stopped.
            var peeked = await receiver.PeekMessagesAsync(maxMessages, fromSequenceNumber: 1, cancellationToken).ConfigureAwait(false);
            return peeked.Select(message => ServiceBusMessageMapping.ToReceivedMessage(queue, message)).ToList();
        }
        catch (ServiceBusException exception) when (ServiceBusMessageMapping.Translate(exception, queue) is { } translated)
        {
            throw translated;
        }
    }

    public Task<bool> ReplayDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken) =>
        SettleDeadLetterAsync(queue, sequenceNumber, async (found, token) =>
        {
            var copy = new ServiceBusMessage(found) { MessageId = DeadLetterReplay.MessageIdOf(found.MessageId, sequenceNumber) };
            // The copy constructor keeps the dead-letter reason among the properties; the copy is a fresh delivery, not a dead letter.
            copy.ApplicationProperties.Remove(DeadLetterReasonProperty);
            copy.ApplicationProperties.Remove(DeadLetterDescriptionProperty);
            await SenderFor(queue).SendMessageAsync(copy, token).ConfigureAwait(false);
        }, cancellationToken);

    public Task<bool> DiscardDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken) =>
        SettleDeadLetterAsync(queue, sequenceNumber, static (_, _) => Task.CompletedTask, cancellationToken);

    /// <summary>Closes every sender and receiver created, and the client if this transport created it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var sender in _senders.Values.Where(lazy => lazy.IsValueCreated))
        {
            await sender.Value.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var receiver in _receivers.Values.Concat(_deadLetterReceivers.Values).Where(lazy => lazy.IsValueCreated))
        {
            await receiver.Value.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private const string DeadLetterReasonProperty = "DeadLetterReason";
    private const string DeadLetterDescriptionProperty = "DeadLetterErrorDescription";
    private const int DeadLetterScanBatch = 50;

    /// <summary>
    /// Finds one dead letter by its sequence number, acts on it, then completes it (removes it from the dead-letter queue).
    /// Service Bus receives a dead letter by position only (a sequence number reaches deferred messages alone), so the
    /// dead-letter queue is received in peek-lock from the start and every other message locked on the way is abandoned
    /// at the end, back where it was; a dead letter locked by someone else at that moment reads as not found.
    /// </summary>
    private async Task<bool> SettleDeadLetterAsync(string queue, long sequenceNumber, Func<ServiceBusReceivedMessage, CancellationToken, Task> act, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await using var receiver = _client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.PeekLock });
        var passed = new List<ServiceBusReceivedMessage>();
        try
        {
            while (true)
            {
                var batch = await receiver.ReceiveMessagesAsync(DeadLetterScanBatch, ShortestWait * 10, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return false;
                }

                var found = batch.FirstOrDefault(message => message.SequenceNumber == sequenceNumber);
                passed.AddRange(batch.Where(message => !ReferenceEquals(message, found)));
                if (found is not null)
                {
                    await act(found, cancellationToken).ConfigureAwait(false);
                    await receiver.CompleteMessageAsync(found, cancellationToken).ConfigureAwait(false);
                    return true;
                }
            }
        }
        catch (ServiceBusException exception) when (ServiceBusMessageMapping.Translate(exception, queue) is { } translated)
        {
            throw translated;
        }
        finally
        {
            foreach (var message in passed)
            {
                await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    internal static ServiceBusClient CreateClient(ServiceBusTransportOptions options, TokenCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasNamespace = !string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace);
        if (hasConnectionString == hasNamespace)
        {
            throw new ArgumentException(
                $"Set exactly one of {ServiceBusTransportOptions.SectionName}:{nameof(ServiceBusTransportOptions.ConnectionString)} (emulator, local) "
                + $"or {ServiceBusTransportOptions.SectionName}:{nameof(ServiceBusTransportOptions.FullyQualifiedNamespace)} (Azure, managed identity).",
                nameof(options));
        }

        return hasConnectionString
            ? new ServiceBusClient(options.ConnectionString)
            : new ServiceBusClient(options.FullyQualifiedNamespace, credential ?? new DefaultAzureCredential());
    }

    /// <summary>The wait to ask Service Bus for: it refuses zero, and null means its own default, for a caller that waits without limit.</summary>
    internal static TimeSpan? EffectiveWait(TimeSpan maxWait)
    {
        if (maxWait == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        return maxWait < ShortestWait ? ShortestWait : maxWait;
    }

    private ServiceBusSender SenderFor(string queue)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _senders.GetOrAdd(queue, static (name, client) => new Lazy<ServiceBusSender>(() => client.CreateSender(name)), _client).Value;
    }

    private ServiceBusReceiver ReceiverFor(string queue)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _receivers.GetOrAdd(
            queue,
            static (name, client) => new Lazy<ServiceBusReceiver>(() => client.CreateReceiver(name, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock })),
            _client).Value;
    }

    private ServiceBusReceiver DeadLetterReceiverFor(string queue)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _deadLetterReceivers.GetOrAdd(
            queue,
            static (name, client) => new Lazy<ServiceBusReceiver>(() => client.CreateReceiver(name, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter })),
            _client).Value;
    }
}
