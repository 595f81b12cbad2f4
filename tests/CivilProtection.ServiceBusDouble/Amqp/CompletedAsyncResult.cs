namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>An already completed <see cref="IAsyncResult"/>, for the AMQP library's Begin/End link factory.</summary>
internal sealed class CompletedAsyncResult : IAsyncResult
{
    public CompletedAsyncResult(AsyncCallback callback, object? state)
    {
        AsyncState = state;
        callback(this);
    }

    public object? AsyncState { get; }

    public WaitHandle AsyncWaitHandle => throw new NotSupportedException("Completed synchronously; nothing to wait for.");

    public bool CompletedSynchronously => true;

    public bool IsCompleted => true;
}
