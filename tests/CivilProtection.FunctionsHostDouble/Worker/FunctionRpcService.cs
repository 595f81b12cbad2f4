using CivilProtection.FunctionsHostDouble.Protocol;
using Grpc.Core;

namespace CivilProtection.FunctionsHostDouble.Worker;

/// <summary>The gRPC service the worker dials (<c>AzureFunctionsRpcMessages.FunctionRpc</c>); the one channel serves it.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.ServeAsync(requestStream, responseStream, context.CancellationToken);
}
