using System.Text.Json;
using CivilProtection.Application.Outbox;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Repair;

/// <summary>
/// What one change's messages were to bring about, kept until the repair has seen that they did: the request's lists
/// and inboxes at <see cref="Version"/> or later, and each notice it asked for opened (or no longer needed).
/// </summary>
/// <param name="PublishedAt">When the change's messages were handed to their queues; the repair looks once they are old.</param>
/// <param name="TicketId">Set by the store, which removes by it.</param>
public sealed record RepairTicket(string RequestId, int Version, IReadOnlyList<RequestedNotice> Notices, DateTimeOffset PublishedAt, string? TicketId = null)
{
    private static readonly HashSet<string> CheckedKinds =
        [RequestMessageKinds.StageOpened, RequestMessageKinds.RequestChanged, RequestMessageKinds.NoticeRequested];

    /// <summary>
    /// The tickets of published outbox rows: one per request whose rows carry request messages (SMS and scheduled checks
    /// carry none: their own workflow chases them).
    /// </summary>
    public static IReadOnlyList<RepairTicket> Of(IReadOnlyList<OutboxRow> rows, DateTimeOffset publishedAt) =>
        rows.Where(row => CheckedKinds.Contains(row.Subject))
            .GroupBy(row => row.RequestId, StringComparer.Ordinal)
            .Select(request =>
            {
                var bodies = request.Select(row => (row.Subject, Body: JsonSerializer.Deserialize<RequestMessageBody>(row.Body, MessageJson.Options)!)).ToList();
                var notices = bodies
                    .Where(b => b.Subject == RequestMessageKinds.NoticeRequested)
                    .Select(b => new RequestedNotice(b.Body.StageIndex, b.Body.Version))
                    .Distinct()
                    .ToList();
                return new RepairTicket(request.Key, bodies.Max(b => b.Body.Version), notices, publishedAt);
            })
            .ToList();
}

/// <summary>A notice a change asked for: the stage it pages for (null: the assisting authority's operations desk) and the version that asked.</summary>
public sealed record RequestedNotice(int? StageIndex, int Version);
