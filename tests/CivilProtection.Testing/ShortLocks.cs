using Azure.Data.Tables;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.Testing;

/// <summary>
/// Every queue of the shared description with the shortest lock Service Bus allows, for tests that wait for a lock to expire:
/// a message whose link drops, or whose delivery the in-process transport could not count, comes back when its lock does.
/// </summary>
public static class ShortLocks
{
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);

    public static IEnumerable<QueueDescription> Queues => QueueDescription.Embedded.Select(queue => queue with { LockDuration = LockDuration });

    /// <summary>
    /// The in-process transport with its journal in Azurite, as the local host has it, with short locks. A replayed dead letter
    /// is handed to a waiting receiver before its journal row exists, so that receive fails to count the delivery and the copy
    /// comes back only when its lock expires (a minute with the queues' own settings) until the transport journals the copy first.
    /// </summary>
    public static void UseInProcessTransport(WebApplicationBuilder builder, string tablePrefix) =>
        builder.Services.AddSingleton<IMessageTransport>(sp => new InProcessTransport(
            Queues, sp.GetRequiredService<TimeProvider>(), new TableQueueJournal(sp.GetRequiredService<TableServiceClient>(), tablePrefix)));
}
