using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace CivilProtection.Application.Messaging;

/// <summary>A queue and the settings it is created with, read from <c>infra-bicep/queues.json</c>, the one description shared with Bicep.</summary>
public sealed record QueueDescription(
    string Name,
    TimeSpan LockDuration,
    int MaxDeliveryCount,
    TimeSpan DuplicateDetectionHistoryTimeWindow,
    TimeSpan DefaultMessageTimeToLive,
    bool DeadLetteringOnMessageExpiration)
{
    /// <summary>Parses the shared queue description (ISO 8601 durations, as Bicep and ARM take them).</summary>
    public static IReadOnlyList<QueueDescription> Parse(string json)
    {
        var file = JsonSerializer.Deserialize<QueuesFile>(json, JsonOptions)
            ?? throw new InvalidDataException("The queue description is empty.");
        return file.Queues.Select(q => new QueueDescription(
            q.Name,
            XmlConvert.ToTimeSpan(q.LockDuration),
            q.MaxDeliveryCount,
            XmlConvert.ToTimeSpan(q.DuplicateDetectionHistoryTimeWindow),
            XmlConvert.ToTimeSpan(q.DefaultMessageTimeToLive),
            q.DeadLetteringOnMessageExpiration)).ToList();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The description embedded in this assembly at build time.</summary>
    public static IReadOnlyList<QueueDescription> Embedded { get; } = LoadEmbedded();

    private static IReadOnlyList<QueueDescription> LoadEmbedded()
    {
        using var stream = typeof(QueueDescription).Assembly.GetManifestResourceStream("queues.json")
            ?? throw new InvalidOperationException("queues.json is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record QueuesFile([property: JsonPropertyName("queues")] List<QueueEntry> Queues);

    private sealed record QueueEntry(
        string Name,
        string LockDuration,
        int MaxDeliveryCount,
        string DuplicateDetectionHistoryTimeWindow,
        string DefaultMessageTimeToLive,
        bool DeadLetteringOnMessageExpiration);
}

/// <summary>The names of the queues the workflow uses.</summary>
public static class Queues
{
    public const string ApprovalRouting = "approval-routing";
    public const string RequestEvents = "request-events";
    public const string Notifications = "notifications";
    public const string SmsPaging = "sms-paging";
    public const string SmsOutbound = "sms-outbound";
    public const string Escalations = "escalations";
}
