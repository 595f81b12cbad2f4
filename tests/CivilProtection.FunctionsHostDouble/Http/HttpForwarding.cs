using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CivilProtection.FunctionsHostDouble.Protocol;
using CivilProtection.FunctionsHostDouble.Worker;
using Microsoft.AspNetCore.Http;

namespace CivilProtection.FunctionsHostDouble.Http;

/// <summary>
/// One HTTP invocation as the host runs it for a worker that proxies HTTP: the request is forwarded to the worker's
/// HttpUri with <c>x-ms-invocation-id</c>, then the <c>InvocationRequest</c> is sent (route values, query and headers
/// in its trigger metadata), and the client gets the worker's HTTP answer only if the invocation succeeded; a failed
/// invocation is a 500 whatever the worker wrote. A client that goes away cancels the invocation.
/// </summary>
internal sealed class HttpForwarding(WorkerChannel channel, HttpClient toWorker, Uri workerUri, AppServiceSessions? sessions, WorkerLog log)
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    // Hop-by-hop headers and those HttpClient sets itself from the content and the target.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Content-Length",
    };

    private readonly ConcurrentQueue<string> _cancelled = new();

    /// <summary>The invocations the double cancelled because their client went away.</summary>
    public IReadOnlyCollection<string> Cancelled => _cancelled;

    public async Task ForwardAsync(HttpContext context, LoadedFunction function)
    {
        var invocationId = Guid.NewGuid().ToString();
        var aborted = context.RequestAborted;
        using var request = await ToWorkerAsync(context.Request, invocationId, aborted);
        var forwarding = toWorker.SendAsync(request, HttpCompletionOption.ResponseContentRead, aborted);
        var invoked = channel.InvokeAsync(Invocation(context.Request, function, invocationId), CancellationToken.None);
        InvocationResponse invocation;
        HttpResponseMessage answer;
        using (aborted.Register(() => Cancel(invocationId)))
        {
            try
            {
                invocation = await invoked;
                answer = await forwarding;
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                return;
            }
        }
        using (answer)
        {
            if (invocation.Result?.Status != StatusResult.Types.Status.Success)
            {
                log.Host($"{function.Name} failed ({invocation.Result?.Status}): {invocation.Result?.Exception?.Message}");
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!NotForwarded.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }
            await answer.Content.CopyToAsync(context.Response.Body, aborted);
        }
    }

    private async Task<HttpRequestMessage> ToWorkerAsync(HttpRequest incoming, string invocationId, CancellationToken aborted)
    {
        var target = new Uri(workerUri, incoming.Path.Value + incoming.QueryString.Value);
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            // Read whole before forwarding: a worker that answers without reading the body (a 204 sign-out, a 401)
            // would otherwise leave the client still sending it from the front's request after the front's answer
            // ended, and the front closes that connection under the client's next call.
            var body = new MemoryStream();
            await incoming.Body.CopyToAsync(body, aborted);
            body.Position = 0;
            request.Content = new StreamContent(body);
        }
        foreach (var (name, values) in incoming.Headers)
        {
            if (NotForwarded.Contains(name) || (sessions is not null && AppServiceSessions.IsOwned(name)))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        foreach (var (name, value) in sessions?.Headers(incoming) ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        // The worker sees the address the client used, as behind the host's proxy.
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", incoming.HttpContext.Connection.RemoteIpAddress?.ToString());
        request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return request;
    }

    private static InvocationRequest Invocation(HttpRequest incoming, LoadedFunction function, string invocationId)
    {
        var invocation = Invocations.New(function, invocationId, incoming.Headers["traceparent"].FirstOrDefault());
        // The request travels over HTTP; its binding in the invocation is empty, as the host sends it to a proxying worker.
        invocation.InputData.Add(new ParameterBinding { Name = function.Trigger.BindingName, Data = new TypedData { Http = new RpcHttp() } });
        foreach (var (name, value) in incoming.RouteValues)
        {
            if (value is not null)
            {
                invocation.TriggerMetadata[name] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) };
            }
        }
        invocation.TriggerMetadata["Query"] = new TypedData { Json = Json(incoming.Query.Select(q => (q.Key, q.Value.ToString()))) };
        invocation.TriggerMetadata["Headers"] = new TypedData { Json = Json(incoming.Headers.Select(h => (h.Key, h.Value.ToString()))) };
        return invocation;
    }

    private static string Json(IEnumerable<(string Key, string Value)> pairs)
    {
        var json = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            json[key] = value;
        }
        return json.ToJsonString();
    }

    private void Cancel(string invocationId)
    {
        _cancelled.Enqueue(invocationId);
        _ = channel.SendAsync(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } }, CancellationToken.None);
    }
}
