using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CivilProtection.Functions;

/// <summary>
/// Wakes the <see cref="WorkflowDrain"/> after each HTTP call that may have changed something (any method but GET,
/// HEAD and OPTIONS): its outbox is handed to the transport once the answer is sent, and the drain is then receiving.
/// </summary>
public sealed class DrainAfterChange(WorkflowDrain drain) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (context.GetHttpContext()?.Request.Method is { } method && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method))
        {
            drain.Wake();
        }
    }
}
