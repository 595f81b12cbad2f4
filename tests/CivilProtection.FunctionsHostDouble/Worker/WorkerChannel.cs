using System.Collections.Concurrent;
using System.Threading.Channels;
using CivilProtection.FunctionsHostDouble.Protocol;
using Grpc.Core;

namespace CivilProtection.FunctionsHostDouble.Worker;

/// <summary>
/// The host's end of the worker's one event stream: what the double sends goes out in order on it, and each answer
/// comes back to whoever asked, by request id (init, metadata, load) or by invocation id (invocations).
/// </summary>
internal sealed class WorkerChannel(WorkerLog log)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new(StringComparer.Ordinal);

    /// <summary>The worker id the worker gave in its <c>StartStream</c>, once it has dialled in.</summary>
    public Task<string> Started => _started.Task;

    /// <summary>Completes when the worker's stream has ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Serves the stream for as long as the worker keeps it open; called by the gRPC service.</summary>
    public async Task ServeAsync(IAsyncStreamReader<StreamingMessage> incoming, IServerStreamWriter<StreamingMessage> outgoing, CancellationToken cancellationToken)
    {
        if (!await incoming.MoveNext(cancellationToken) || incoming.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.FailedPrecondition, "The first message of a worker's stream must be StartStream."));
        }
        if (!_started.TrySetResult(incoming.Current.StartStream.WorkerId))
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "This double serves one worker, and it has already started its stream."));
        }
        var writing = WriteAsync(outgoing, cancellationToken);
        // A writer that died leaves every request unanswered: say so where a failure message will show it.
        _ = writing.ContinueWith(t => log.Host($"Writing to the worker's stream failed: {t.Exception?.GetBaseException().Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            while (await incoming.MoveNext(cancellationToken))
            {
                Receive(incoming.Current);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker went away.
        }
        finally
        {
            _outbound.Writer.TryComplete();
            FailEveryoneWaiting();
            _closed.TrySetResult();
        }
        await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Sends a request and waits for the worker's answer to it (the message carrying the same request id).</summary>
    public async Task<StreamingMessage> AskAsync(StreamingMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        request.RequestId = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers[request.RequestId] = answer;
        try
        {
            await SendAsync(request, cancellationToken);
            return await answer.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            _answers.TryRemove(request.RequestId, out _);
        }
    }

    /// <summary>Sends an invocation; the task completes with the worker's <c>InvocationResponse</c>.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var response = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[invocation.InvocationId] = response;
        try
        {
            await SendAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = invocation }, cancellationToken);
            return await response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _invocations.TryRemove(invocation.InvocationId, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.RequestId))
        {
            message.RequestId = Guid.NewGuid().ToString();
        }
        await _outbound.Writer.WriteAsync(message, cancellationToken);
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> outgoing, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            await outgoing.WriteAsync(message, cancellationToken);
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                log.Worker(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }
                break;
            default:
                if (_answers.TryGetValue(message.RequestId, out var answer))
                {
                    answer.TrySetResult(message);
                }
                else
                {
                    log.Host($"The worker sent a {message.ContentCase} nobody asked for (request id {message.RequestId}).");
                }
                break;
        }
    }

    private void FailEveryoneWaiting()
    {
        var gone = new InvalidOperationException("The worker's event stream ended.");
        foreach (var answer in _answers.Values)
        {
            answer.TrySetException(gone);
        }
        foreach (var invocation in _invocations.Values)
        {
            invocation.TrySetException(gone);
        }
    }
}
