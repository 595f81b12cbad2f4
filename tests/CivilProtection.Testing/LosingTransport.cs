using Azure.Data.Tables;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.Testing;

/// <summary>
/// A transport that, while told to, accepts sends to some queues and drops them: a message lost after it left the
/// outbox (a broker that lost it, a purge, a bug), which the queue's own retries can never bring back.
/// </summary>
public sealed class LosingTransport(IMessageTransport inner, IReadOnlySet<string> queues) : DelegatingTransport(inner)
{
    private volatile bool _losing;
    private int _lost;

    public int Lost => Volatile.Read(ref _lost);

    public void StartLosing() => _losing = true;

    public void StopLosing() => _losing = false;

    /// <summary>
    /// Puts a losing transport (the in-process one, its journal in Azurite) in front of the host; the test takes it back
    /// as the host's <see cref="IMessageTransport"/>.
    /// </summary>
    public static void Install(WebApplicationBuilder builder, string tablePrefix, params string[] queues) =>
        builder.Services.AddSingleton<IMessageTransport>(sp => new LosingTransport(
            new InProcessTransport(QueueDescription.Embedded, sp.GetRequiredService<TimeProvider>(), new TableQueueJournal(sp.GetRequiredService<TableServiceClient>(), tablePrefix)),
            new HashSet<string>(queues, StringComparer.Ordinal)));

    public override Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (_losing && queues.Contains(queue))
        {
            Interlocked.Increment(ref _lost);
            return Task.CompletedTask;
        }
        return base.SendAsync(queue, message, cancellationToken);
    }
}
