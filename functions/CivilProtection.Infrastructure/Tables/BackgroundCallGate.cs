using Azure.Core;
using Azure.Core.Pipeline;
using CivilProtection.Application.Workflow;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Lets at most <c>slots</c> storage calls of background work be in flight at once, so a filing or a decision never
/// queues behind a burst of them in a store that serves one call at a time (Azurite). People's calls pass straight
/// through. A background call that waited <c>maxWait</c> for a slot goes anyway: under a sustained load the workflow
/// still drains at full speed, and a person's call then takes its turn with the rest.
/// </summary>
public sealed class BackgroundCallGate(int slots, TimeSpan maxWait) : HttpPipelinePolicy, IDisposable
{
    private readonly SemaphoreSlim _slots = new(slots, slots);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var slot = BackgroundWork.IsCurrent && await _slots.WaitAsync(maxWait, message.CancellationToken);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Release(slot);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var slot = BackgroundWork.IsCurrent && _slots.Wait(maxWait, message.CancellationToken);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Release(slot);
        }
    }

    public void Dispose() => _slots.Dispose();

    private void Release(bool slot)
    {
        if (slot)
        {
            _slots.Release();
        }
    }
}
