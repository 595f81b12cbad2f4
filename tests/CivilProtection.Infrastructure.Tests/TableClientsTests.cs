using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using CivilProtection.Application.Workflow;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// The table clients open no more connections than the setting allows, the calls beyond wait for one; and background
/// work has its own few slots, which a person's calls pass by.
/// </summary>
public sealed class TableClientsTests
{
    [Fact]
    public async Task Concurrent_calls_share_at_most_the_allowed_connections()
    {
        await using var endpoint = SlowTableEndpoint.Start(TimeSpan.FromMilliseconds(100));
        var table = new TableServiceClient(endpoint.ConnectionString, TableClients.Options(maxConnections: 2)).GetTableClient("Requests");

        var reads = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => table.GetEntityIfExistsAsync<TableEntity>("p", $"r{i}")));

        Assert.All(reads, read => Assert.False(read.HasValue));
        Assert.Equal(12, endpoint.Requests);
        Assert.InRange(endpoint.Connections, 1, 2);
    }

    [Fact]
    public async Task Background_calls_beyond_their_slots_wait_while_a_persons_calls_go_straight_through()
    {
        await using var endpoint = SlowTableEndpoint.Start(TimeSpan.FromMilliseconds(150));
        var table = new TableServiceClient(endpoint.ConnectionString, TableClients.Options(20, backgroundCalls: 1, TimeSpan.FromSeconds(30)))
            .GetTableClient("Requests");

        var background = Enumerable.Range(0, 4).Select(i => InBackground(() => table.GetEntityIfExistsAsync<TableEntity>("p", $"b{i}"))).ToList();
        await Eventually.TrueAsync(() => endpoint.Requests == 1, "the first background read at the endpoint", TimeSpan.FromSeconds(5));
        var person = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => table.GetEntityIfExistsAsync<TableEntity>("p", $"f{i}")));
        var queued = 4 - endpoint.Received("b");
        await Task.WhenAll(background);

        Assert.All(person, read => Assert.False(read.HasValue));
        // The person's three reads were served while the background ones still queued for their single slot.
        Assert.True(queued >= 2, $"{queued} background reads were still queued when the person's reads were answered.");
        Assert.Equal(4, endpoint.Received("b"));
        Assert.Equal(1, endpoint.MostAtOnce("b"));
    }

    [Fact]
    public async Task A_background_call_that_waited_its_longest_for_a_slot_goes_anyway()
    {
        // Answers slow enough that the three overlap however late a busy machine starts the later ones.
        await using var endpoint = SlowTableEndpoint.Start(TimeSpan.FromMilliseconds(1500));
        var table = new TableServiceClient(endpoint.ConnectionString, TableClients.Options(20, backgroundCalls: 1, TimeSpan.FromMilliseconds(50)))
            .GetTableClient("Requests");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => InBackground(() => table.GetEntityIfExistsAsync<TableEntity>("p", $"b{i}"))));

        // Each answer takes 1.5 s; one slot without a bound on the wait would have served them one after another.
        Assert.Equal(3, endpoint.MostAtOnce("b"));
    }

    private static async Task InBackground(Func<Task> call)
    {
        BackgroundWork.Mark();
        await call();
    }

    /// <summary>A table endpoint on loopback that answers every read "not found" after a delay, counting connections and requests.</summary>
    private sealed class SlowTableEndpoint : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TimeSpan _delay;
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _gate = new();
        private readonly HashSet<string> _inFlight = [];
        private readonly List<(string RowKey, int InFlight)> _served = [];
        private int _connections;
        private int _requests;
        private Task _accepting = Task.CompletedTask;

        private SlowTableEndpoint(TimeSpan delay) => _delay = delay;

        public int Connections => Volatile.Read(ref _connections);

        public int Requests => Volatile.Read(ref _requests);

        /// <summary>How many requests for row keys starting with <paramref name="prefix"/> arrived.</summary>
        public int Received(string prefix) => Of(prefix).Count;

        /// <summary>The most requests for row keys starting with <paramref name="prefix"/> that were in flight at once.</summary>
        public int MostAtOnce(string prefix) => Of(prefix).Max(s => s.InFlight);

        private List<(string RowKey, int InFlight)> Of(string prefix)
        {
            lock (_gate)
            {
                return _served.Where(s => s.RowKey.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            }
        }

        // Azurite's well-known development account (public, not a secret); the key only signs requests nobody checks here.
        public string ConnectionString =>
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"TableEndpoint=http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/devstoreaccount1;";

        public static SlowTableEndpoint Start(TimeSpan delay)
        {
            var endpoint = new SlowTableEndpoint(delay);
            endpoint._listener.Start();
            endpoint._accepting = endpoint.AcceptAsync();
            return endpoint;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            var connections = new List<Task>();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    connections.Add(ServeAsync(client));
                }
            }
            catch (OperationCanceledException)
            {
            }
            await Task.WhenAll(connections).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var received = new StringBuilder();
                while (!_stop.IsCancellationRequested)
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }
                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    // Reads carry no body: a request ends with its blank line.
                    while (received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0)
                    {
                        var rowKey = RowKeyOf(received.ToString(0, end));
                        received.Remove(0, end + 4);
                        Interlocked.Increment(ref _requests);
                        Arrived(rowKey);
                        await Task.Delay(_delay, _stop.Token);
                        Left(rowKey);
                        var body = """{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"The specified resource does not exist."}}}""";
                        var response = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json;odata=minimalmetadata\r\nx-ms-error-code: ResourceNotFound\r\n"
                            + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
                    }
                }
            }
        }

        // GET /devstoreaccount1/Requests(PartitionKey='p',RowKey='b0') HTTP/1.1
        private static string RowKeyOf(string head) =>
            head.Split("RowKey='", 2) is [_, var rest] ? rest[..rest.IndexOf('\'', StringComparison.Ordinal)] : "";

        // A key counts against those of its kind (the first letter) in flight with it.
        private void Arrived(string rowKey)
        {
            lock (_gate)
            {
                _inFlight.Add(rowKey);
                _served.Add((rowKey, _inFlight.Count(k => k.Length > 0 && rowKey.Length > 0 && k[0] == rowKey[0])));
            }
        }

        private void Left(string rowKey)
        {
            lock (_gate)
            {
                _inFlight.Remove(rowKey);
            }
        }
    }
}
