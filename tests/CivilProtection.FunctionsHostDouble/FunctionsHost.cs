using CivilProtection.FunctionsHostDouble.Http;
using CivilProtection.FunctionsHostDouble.Protocol;
using CivilProtection.FunctionsHostDouble.Timers;
using CivilProtection.FunctionsHostDouble.Worker;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivilProtection.FunctionsHostDouble;

/// <summary>
/// A double of the Azure Functions host for one isolated worker: it serves the worker's gRPC event stream, starts the
/// built app as the host does, runs the handshake (StartStream, WorkerInit, FunctionsMetadata, FunctionLoad per
/// function), serves the HTTP functions on a loopback front and fires the timers. Disposed, it sends WorkerTerminate
/// and gives the worker a few seconds to leave before killing it.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    /// <summary>The capability a worker with ASP.NET Core integration answers WorkerInit with: where it takes HTTP.</summary>
    public const string HttpUriCapability = "HttpUri";

    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication _grpc;
    private readonly WorkerChannel _channel;
    private readonly WorkerProcess _worker;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _front;
    private HttpForwarding? _forwarding;
    private TimerFiring? _timers;
    private Task _timerLoops = Task.CompletedTask;
    private IReadOnlyDictionary<string, CronSchedule> _schedules = new Dictionary<string, CronSchedule>();
    private AppServiceSessions? _sessions;

    private FunctionsHost(WebApplication grpc, WorkerChannel channel, WorkerProcess worker, WorkerLog log)
    {
        _grpc = grpc;
        _channel = channel;
        _worker = worker;
        Log = log;
    }

    /// <summary>The front's address, where clients send HTTP as they would to the function app.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The worker's own HTTP address, from its <see cref="HttpUriCapability"/>.</summary>
    public Uri WorkerHttpUri { get; private set; } = null!;

    /// <summary>The functions the worker described and loaded, in its order.</summary>
    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    /// <summary>The route prefix read from the app's host.json.</summary>
    public string RoutePrefix { get; private set; } = HttpFront.DefaultRoutePrefix;

    /// <summary>What the worker and the double said last, for a failure message.</summary>
    public WorkerLog Log { get; }

    /// <summary>The invocations cancelled because their client went away.</summary>
    public IReadOnlyCollection<string> CancelledInvocations => _forwarding?.Cancelled ?? [];

    public bool WorkerHasExited => _worker.HasExited;

    public static async Task<FunctionsHost> StartAsync(FunctionsHostOptions options, CancellationToken cancellationToken = default)
    {
        var log = new WorkerLog();
        var channel = new WorkerChannel(log);
        var grpc = BuildGrpcServer(channel, options.GrpcMaxMessageLength);
        await grpc.StartAsync(cancellationToken);
        var grpcPort = new Uri(Address(grpc)).Port;
        var worker = WorkerProcess.Start(options, grpcPort, workerId: Guid.NewGuid().ToString(), requestId: Guid.NewGuid().ToString(), log);
        var host = new FunctionsHost(grpc, channel, worker, log);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            await host.HandshakeAsync(options, timeout.Token);
        }
        catch (Exception ex)
        {
            await host.DisposeAsync();
            var why = worker.HasExited ? $"the worker exited with code {worker.ExitCode}" : ex.Message;
            throw new InvalidOperationException($"The Functions app did not start under the double: {why}{Environment.NewLine}{log.Recent}", ex);
        }
        return host;
    }

    /// <summary>Fires the timer function <paramref name="name"/> now and waits until the worker has run it.</summary>
    public async Task FireTimerAsync(string name, CancellationToken cancellationToken = default)
    {
        var function = Functions.SingleOrDefault(f => f.Name == name && f.Trigger is TimerTrigger)
            ?? throw new ArgumentException($"No timer function is named {name}.", nameof(name));
        var response = await _timers!.FireAsync(function, _schedules[name], cancellationToken);
        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"Timer {name} failed: {response.Result?.Exception?.Message}");
        }
    }

    /// <summary>
    /// Signs a person of Entra ID in, as App Service authentication would after its round trip; the value is the
    /// session cookie's (<see cref="SessionCookie"/>). Only with <see cref="FunctionsHostOptions.AppServiceAuthentication"/>.
    /// </summary>
    public string SignIn(string objectId, string name, IEnumerable<string> roles) =>
        (_sessions ?? throw new InvalidOperationException("The double runs without App Service authentication.")).SignIn(objectId, name, roles);

    /// <summary>The name of the session cookie App Service authentication reads.</summary>
    public static string SessionCookie => AppServiceSessions.Cookie;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _timerLoops.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_worker.HasExited && _channel.Started.IsCompletedSuccessfully)
        {
            try
            {
                await _channel.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TerminateGrace) } }, CancellationToken.None);
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                // The stream already ended.
            }
            if (!_worker.WaitForExit(TerminateGrace * 2))
            {
                Log.Host("The worker did not leave after WorkerTerminate; killed.");
            }
        }
        _worker.Dispose();
        if (_front is not null)
        {
            await _front.StopAsync();
            await _front.DisposeAsync();
        }
        await _grpc.StopAsync();
        await _grpc.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandshakeAsync(FunctionsHostOptions options, CancellationToken cancellationToken)
    {
        var appDirectory = Path.GetDirectoryName(Path.GetFullPath(options.AppAssembly))!;
        await _channel.Started.WaitAsync(cancellationToken);

        var init = new WorkerInitRequest { HostVersion = "4.0.0-double", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        var initAnswer = (await AskAsync(new StreamingMessage { WorkerInitRequest = init }, cancellationToken)).WorkerInitResponse;
        Expect(initAnswer?.Result, "WorkerInitRequest");
        if (!initAnswer!.Capabilities.TryGetValue(HttpUriCapability, out var httpUri) || !Uri.TryCreate(httpUri, UriKind.Absolute, out var workerHttp))
        {
            throw new InvalidOperationException($"The worker did not answer WorkerInit with an {HttpUriCapability} capability: the double serves only workers with ASP.NET Core integration.");
        }
        WorkerHttpUri = workerHttp;

        var metadata = (await AskAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } }, cancellationToken))
            .FunctionMetadataResponse;
        Expect(metadata?.Result, "FunctionsMetadataRequest");
        if (metadata!.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asked the host to index functions itself; the double reads functions only from the worker.");
        }
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var load = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function };
            var loaded = (await AskAsync(new StreamingMessage { FunctionLoadRequest = load }, cancellationToken)).FunctionLoadResponse;
            Expect(loaded?.Result, $"FunctionLoadRequest for {function.Name}");
        }
        Functions = metadata.FunctionMetadataResults.Select(LoadedFunction.Of).ToList();

        RoutePrefix = HttpFront.RoutePrefix(appDirectory);
        _sessions = options.AppServiceAuthentication ? new AppServiceSessions() : null;
        _forwarding = new HttpForwarding(_channel, new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, WorkerHttpUri, _sessions, Log);
        _front = HttpFront.Build(Functions, RoutePrefix, _forwarding, options.FrontPort);
        await _front.StartAsync(cancellationToken);
        BaseAddress = new Uri(Address(_front));

        _timers = new TimerFiring(_channel, Log);
        _schedules = Functions.Where(f => f.Trigger is TimerTrigger).ToDictionary(
            f => f.Name,
            f => CronSchedule.Parse(options.ScheduleOverrides.TryGetValue(f.Name, out var schedule) ? schedule : ((TimerTrigger)f.Trigger).Schedule),
            StringComparer.Ordinal);
        if (options.Timers == TimerMode.Schedule)
        {
            _timerLoops = _timers.RunAsync(Functions.Where(f => _schedules.ContainsKey(f.Name)).Select(f => (f, _schedules[f.Name])), _stopping.Token);
        }
    }

    private async Task<StreamingMessage> AskAsync(StreamingMessage request, CancellationToken cancellationToken)
    {
        // A worker that dies mid-handshake never answers: its exit ends the wait, not the whole start timeout.
        var asking = _channel.AskAsync(request, Timeout.InfiniteTimeSpan, cancellationToken);
        while (!asking.IsCompleted)
        {
            await Task.WhenAny(asking, Task.Delay(200, cancellationToken));
            if (_worker.HasExited && !asking.IsCompleted)
            {
                throw new InvalidOperationException($"The worker exited with code {_worker.ExitCode} during {request.ContentCase}.");
            }
        }
        return await asking;
    }

    private static void Expect(StatusResult? result, string what)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker failed {what}: {result?.Exception?.Message ?? result?.Result ?? "no result"}");
        }
    }

    private static WebApplication BuildGrpcServer(WorkerChannel channel, int maxMessageLength)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Plaintext HTTP/2 on loopback, as the host listens for its workers.
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = maxMessageLength;
            grpc.MaxSendMessageSize = maxMessageLength;
        });
        builder.Services.AddSingleton(channel);
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
