using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>The table clients open no more connections than the setting allows; the calls beyond wait for one.</summary>
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

    /// <summary>A table endpoint on loopback that answers every read "not found" after a delay, counting connections and requests.</summary>
    private sealed class SlowTableEndpoint : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TimeSpan _delay;
        private readonly CancellationTokenSource _stop = new();
        private int _connections;
        private int _requests;
        private Task _accepting = Task.CompletedTask;

        private SlowTableEndpoint(TimeSpan delay) => _delay = delay;

        public int Connections => Volatile.Read(ref _connections);

        public int Requests => Volatile.Read(ref _requests);

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
                        received.Remove(0, end + 4);
                        Interlocked.Increment(ref _requests);
                        await Task.Delay(_delay, _stop.Token);
                        var body = """{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"The specified resource does not exist."}}}""";
                        var response = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json;odata=minimalmetadata\r\nx-ms-error-code: ResourceNotFound\r\n"
                            + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
                    }
                }
            }
        }
    }
}
