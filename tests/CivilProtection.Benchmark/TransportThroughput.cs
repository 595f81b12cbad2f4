using Azure.Data.Tables;
using CivilProtection.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Workflow;
using CivilProtection.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using LoopbackDouble = CivilProtection.ServiceBusDouble.ServiceBusDouble;

namespace CivilProtection.Benchmark;

/// <summary>What the transport section does: how many messages, from how many concurrent senders, and whether it runs alone.</summary>
public sealed record TransportThroughputOptions(bool Only, int Messages, int Senders, int Warmup)
{
    public const string Usage = "--transport-only (this section alone: its own Azurite for the journal, no local host)  --transport-messages N  --transport-senders N";

    /// <summary>Takes this section's options out of the arguments, leaving the rest to <see cref="BenchmarkOptions.Parse"/>.</summary>
    public static TransportThroughputOptions Take(ref string[] args)
    {
        var options = new TransportThroughputOptions(Only: false, Messages: 5000, Senders: 8, Warmup: 500);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--transport-only":
                    options = options with { Only = true };
                    break;
                case "--transport-messages" when i + 1 < args.Length:
                    options = options with { Messages = Positive(args[i], args[++i]) };
                    break;
                case "--transport-senders" when i + 1 < args.Length:
                    options = options with { Senders = Positive(args[i], args[++i]) };
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        args = [.. rest];
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");
}

/// <summary>
/// Messages per second through the message pump, on the in-process transport as the local host runs it (its journal in
/// Azurite), on the same transport over a journal in memory (the queue engine alone, what the journal costs beside it), and
/// on the Service Bus adapter (the unmodified SDK) over the Service Bus double on loopback: same queue settings, same handler
/// (a small JSON parse), same run.
/// </summary>
public static class TransportThroughput
{
    /// <summary>Runs both transports, one after the other, and returns the figures as text.</summary>
    public static async Task<string> RunAsync(TransportThroughputOptions options, CancellationToken cancellationToken)
    {
        // The production settings of the routing queue, under another name.
        var queue = QueueDescription.Embedded.Single(q => q.Name == Queues.ApprovalRouting) with { Name = "bench-transport" };

        var azurite = await Azurite.SharedAsync();
        var journal = new TableQueueJournal(new TableServiceClient(azurite.ConnectionString), $"bench{Guid.NewGuid():N}"[..13]);
        Result journalled, engine;
        using (var inProcess = new InProcessTransport([queue], TimeProvider.System, journal))
        {
            journalled = await WarmedUpAsync(inProcess, queue.Name, options, cancellationToken);
        }

        using (var inProcess = new InProcessTransport([queue], TimeProvider.System, new MemoryQueueJournal()))
        {
            engine = await WarmedUpAsync(inProcess, queue.Name, options, cancellationToken);
        }

        await using var serviceBus = LoopbackDouble.Start([queue]);
        await using var adapter = ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = serviceBus.ConnectionString });
        var serviceBusResult = await WarmedUpAsync(adapter, queue.Name, options, cancellationToken);
        return Format(options, journalled, engine, serviceBusResult);
    }

    private static async Task<Result> WarmedUpAsync(IMessageTransport transport, string queue, TransportThroughputOptions options, CancellationToken cancellationToken)
    {
        await MeasureAsync(transport, queue, options with { Messages = options.Warmup }, cancellationToken);
        return await MeasureAsync(transport, queue, options, cancellationToken);
    }

    private static async Task<Result> MeasureAsync(IMessageTransport transport, string queue, TransportThroughputOptions options, CancellationToken cancellationToken)
    {
        var handler = new ParsingHandler(queue, options.Messages);
        var pump = new MessagePump([handler], transport, NullLogger<MessagePump>.Instance);
        using var stopPump = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumping = pump.RunAsync(TimeSpan.FromSeconds(1), stopPump.Token);
        var runId = Guid.NewGuid().ToString("N")[..8];

        var wall = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Senders).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < options.Messages)
            {
                var body = $$"""{"requestId":"bench-{{runId}}-{{n}}","stageIndex":1,"sentAt":{{Stopwatch.GetTimestamp()}}}""";
                await transport.SendAsync(queue, new OutgoingMessage($"{runId}-{n}", "StageOpened", body, $"bench-{runId}-{n}"), cancellationToken);
            }
        }, cancellationToken)));
        var sent = wall.Elapsed;

        await handler.AllHandled.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var handled = wall.Elapsed;
        await stopPump.CancelAsync();
        await pumping;

        var latencies = handler.Latencies.Order().ToList();
        return new Result(options.Messages / sent.TotalSeconds, options.Messages / handled.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99), handler.Duplicates);
    }

    private static string Format(TransportThroughputOptions options, Result inProcess, Result engine, Result serviceBus)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"transport  through the message pump, same handler (JSON parse): {options.Messages} messages from {options.Senders} senders after {options.Warmup} warm-up, queue settings of {Queues.ApprovalRouting}");
        text.AppendLine(c, $"  in-process, journal in Azurite:      {Line(inProcess)}");
        text.AppendLine(c, $"  in-process, journal in memory:       {Line(engine)}");
        text.AppendLine(c, $"  Service Bus adapter over the double: {Line(serviceBus)}");
        text.AppendLine(c, $"  in-process / Service Bus, end to end: {inProcess.EndToEndPerSecond / serviceBus.EndToEndPerSecond:0.0}x  (the double and the SDK share this process and its cores)");
        return text.ToString();
    }

    private static string Line(Result r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.EndToEndPerSecond,8:0} msg/s end to end   sends {r.SendsPerSecond,8:0}/s   send->handled p50 {r.P50Ms,7:0.0} ms  p99 {r.P99Ms,7:0.0} ms   handled twice {r.Duplicates}");

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Result(double SendsPerSecond, double EndToEndPerSecond, double P50Ms, double P99Ms, int Duplicates);

    /// <summary>The same small work for both transports: parse the JSON body, note how long the message took to get here.</summary>
    private sealed class ParsingHandler(string queue, int expected) : IMessageHandler
    {
        private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _allHandled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _duplicates;

        public string Queue => queue;

        public Task AllHandled => _allHandled.Task;

        public ConcurrentBag<double> Latencies { get; } = [];

        public int Duplicates => _duplicates;

        public Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(message.Body);
            var sentAt = body.RootElement.GetProperty("sentAt").GetInt64();
            if (!_seen.TryAdd(body.RootElement.GetProperty("requestId").GetString()!, 0))
            {
                Interlocked.Increment(ref _duplicates);
                return Task.FromResult(HandlingResult.Done);
            }

            Latencies.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
            if (_seen.Count == expected)
            {
                _allHandled.TrySetResult();
            }

            return Task.FromResult(HandlingResult.Done);
        }
    }
}
