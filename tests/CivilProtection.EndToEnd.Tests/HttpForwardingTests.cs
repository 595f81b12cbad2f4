using System.Collections.Concurrent;
using System.Threading.Channels;
using CivilProtection.FunctionsHostDouble;
using CivilProtection.FunctionsHostDouble.Http;
using CivilProtection.FunctionsHostDouble.Protocol;
using CivilProtection.FunctionsHostDouble.Worker;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The double's HTTP invocations against a worker played in memory, for what the real app never does on purpose: an
/// invocation that fails although the worker's HTTP answer said 200, and a client that goes away mid-invocation.
/// </summary>
public sealed class HttpForwardingTests : IAsyncLifetime, IDisposable
{
    private static readonly LoadedFunction GetRequest = new("fn-1", "GetRequest", new HttpTrigger("req", "api/requests/{id}", ["GET"]));
    private readonly Channel<StreamingMessage> _toWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly Channel<StreamingMessage> _fromWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentQueue<string> _workerSawInvocationIds = new();
    private readonly TaskCompletionSource _workerHttpMayAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private WorkerChannel _channel = null!;
    private WebApplication _workerHttp = null!;
    private HttpForwarding _forwarding = null!;
    private Task _serving = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _workerHttp = builder.Build();
        _workerHttp.MapGet("/api/requests/{id}", async (HttpContext http) =>
        {
            _workerSawInvocationIds.Enqueue(http.Request.Headers[HttpForwarding.InvocationIdHeader].ToString());
            await _workerHttpMayAnswer.Task.WaitAsync(http.RequestAborted);
            return Results.Text("the worker says fine");
        });
        await _workerHttp.StartAsync();
        var workerUri = new Uri(_workerHttp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        _channel = new WorkerChannel(new WorkerLog());
        _serving = _channel.ServeAsync(new Incoming(_fromWorker.Reader), new Outgoing(_toWorker.Writer), _stop.Token);
        await _fromWorker.Writer.WriteAsync(new StreamingMessage { StartStream = new StartStream { WorkerId = "played" } });
        _forwarding = new HttpForwarding(_channel, new HttpClient(), workerUri, sessions: null, new WorkerLog());
    }

    public async Task DisposeAsync()
    {
        _fromWorker.Writer.TryComplete();
        await _stop.CancelAsync();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _workerHttp.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task The_worker_gets_the_request_with_the_invocation_s_id_and_the_route_values_query_and_headers_as_trigger_metadata()
    {
        var context = Request("/api/requests/AR-2026-00001", "?status=approved");
        var forwarding = _forwarding.ForwardAsync(context, GetRequest);

        var invocation = await NextInvocationAsync();
        _workerHttpMayAnswer.SetResult();
        await AnswerAsync(invocation, StatusResult.Types.Status.Success);
        await forwarding;

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal([invocation.InvocationId], _workerSawInvocationIds);
        Assert.Equal(GetRequest.FunctionId, invocation.FunctionId);
        Assert.Equal("AR-2026-00001", invocation.TriggerMetadata["id"].String);
        Assert.Contains("\"status\":\"approved\"", invocation.TriggerMetadata["Query"].Json, StringComparison.Ordinal);
        Assert.Contains("\"X-Test\":\"yes\"", invocation.TriggerMetadata["Headers"].Json, StringComparison.Ordinal);
        Assert.Equal(TypedData.DataOneofCase.Http, invocation.InputData.Single(b => b.Name == "req").Data.DataCase);
        Assert.StartsWith("00-", invocation.TraceContext.TraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_invocation_is_a_500_even_though_the_worker_answered_200()
    {
        var context = Request("/api/requests/AR-2026-00002", "");
        var forwarding = _forwarding.ForwardAsync(context, GetRequest);

        var invocation = await NextInvocationAsync();
        _workerHttpMayAnswer.SetResult();
        await AnswerAsync(invocation, StatusResult.Types.Status.Failure);
        await forwarding;

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_its_invocation()
    {
        using var client = new CancellationTokenSource();
        var context = Request("/api/requests/AR-2026-00003", "", client.Token);
        var forwarding = _forwarding.ForwardAsync(context, GetRequest);
        var invocation = await NextInvocationAsync();

        await client.CancelAsync();

        var cancel = await NextAsync(StreamingMessage.ContentOneofCase.InvocationCancel);
        Assert.Equal(invocation.InvocationId, cancel.InvocationCancel.InvocationId);
        Assert.Equal([invocation.InvocationId], _forwarding.Cancelled);
        await AnswerAsync(invocation, StatusResult.Types.Status.Cancelled);
        await forwarding.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static DefaultHttpContext Request(string path, string query, CancellationToken aborted = default)
    {
        var context = new DefaultHttpContext { RequestAborted = aborted };
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.Headers["X-Test"] = "yes";
        context.Request.RouteValues["id"] = path.Split('/').Last();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private async Task<InvocationRequest> NextInvocationAsync() => (await NextAsync(StreamingMessage.ContentOneofCase.InvocationRequest)).InvocationRequest;

    private async Task<StreamingMessage> NextAsync(StreamingMessage.ContentOneofCase kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await _toWorker.Reader.ReadAsync(timeout.Token);
            if (message.ContentCase == kind)
            {
                return message;
            }
        }
    }

    private async Task AnswerAsync(InvocationRequest invocation, StatusResult.Types.Status status) =>
        await _fromWorker.Writer.WriteAsync(new StreamingMessage
        {
            InvocationResponse = new InvocationResponse { InvocationId = invocation.InvocationId, Result = new StatusResult { Status = status } },
        });

    private sealed class Incoming(ChannelReader<StreamingMessage> reader) : IAsyncStreamReader<StreamingMessage>
    {
        public StreamingMessage Current { get; private set; } = null!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await reader.WaitToReadAsync(cancellationToken))
            {
                return false;
            }
            Current = await reader.ReadAsync(cancellationToken);
            return true;
        }
    }

    private sealed class Outgoing(ChannelWriter<StreamingMessage> writer) : IServerStreamWriter<StreamingMessage>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(StreamingMessage message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(StreamingMessage message, CancellationToken cancellationToken) => writer.WriteAsync(message, cancellationToken).AsTask();
    }
}
