using System.Collections.Concurrent;
using CivilProtection.Application.Sms;

namespace CivilProtection.Testing;

/// <summary>A provider that takes every SMS and keeps it, for tests that count what was sent.</summary>
public sealed class RecordingSmsGateway : ISmsGateway
{
    public ConcurrentBag<OutgoingSms> Sent { get; } = [];

    public Task<SmsReceipt> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        Sent.Add(sms);
        return Task.FromResult(new SmsReceipt($"SM{Guid.NewGuid():N}", "queued"));
    }
}
