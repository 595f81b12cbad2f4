using System.Diagnostics;
using CivilProtection.FunctionsHostDouble.Protocol;

namespace CivilProtection.FunctionsHostDouble.Worker;

/// <summary>A new invocation of a function as the host makes one: a fresh id and the W3C trace context it runs under.</summary>
internal static class Invocations
{
    public static InvocationRequest New(LoadedFunction function, string invocationId, string? traceParent = null) => new()
    {
        InvocationId = invocationId,
        FunctionId = function.FunctionId,
        TraceContext = new RpcTraceContext
        {
            // The caller's trace when it sent one; otherwise a trace of its own, sampled, as the host starts one per invocation.
            TraceParent = traceParent ?? $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01",
        },
    };
}
