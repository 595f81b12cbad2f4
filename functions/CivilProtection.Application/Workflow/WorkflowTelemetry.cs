using System.Diagnostics;
using System.Diagnostics.Metrics;
using CivilProtection.Application.Messaging;

namespace CivilProtection.Application.Workflow;

/// <summary>
/// The workflow's traces and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>. A message carries the W3C trace context of the change that wrote it, so the trace of a request
/// goes from the form, through the queues, to the SMS.
/// </summary>
public static class WorkflowTelemetry
{
    public const string Name = "CivilProtection.Workflow";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Requests filed (tag <c>urgency</c>).</summary>
    public static Counter<long> RequestsFiled { get; } = Meter.CreateCounter<long>("civilprotection.requests.filed", "{request}", "Requests for assistance filed.");

    /// <summary>Decisions on approval stages (tag <c>decision</c>: approve, reject, return).</summary>
    public static Counter<long> Decisions { get; } = Meter.CreateCounter<long>("civilprotection.decisions", "{decision}", "Decisions taken on approval stages.");

    /// <summary>Seconds from a stage opening to its decision (tag <c>decision</c>).</summary>
    public static Histogram<double> TimeToDecision { get; } = Meter.CreateHistogram<double>("civilprotection.decision.duration", "s", "Time from a stage opening to its decision.");

    /// <summary>SMS handed to the provider.</summary>
    public static Counter<long> SmsSent { get; } = Meter.CreateCounter<long>("civilprotection.sms.sent", "{sms}", "SMS handed to the provider.");

    public static Counter<long> CallsPlaced { get; } = Meter.CreateCounter<long>("civilprotection.calls.placed", "{call}", "Voice calls of notices handed to the provider.");

    /// <summary>SMS the provider refused or could not take (tag <c>reason</c>: rejected, unavailable).</summary>
    public static Counter<long> SmsFailed { get; } = Meter.CreateCounter<long>("civilprotection.sms.failed", "{sms}", "SMS the provider refused or could not take.");

    /// <summary>Notices escalated to the next tier or to the admins (tag <c>reason</c>).</summary>
    public static Counter<long> Escalations { get; } = Meter.CreateCounter<long>("civilprotection.notices.escalated", "{escalation}", "Notices escalated.");

    /// <summary>Messages the pump dead-lettered (tags <c>queue</c>, <c>reason</c>); the broker's own (maximum deliveries, expiry) show in Service Bus metrics.</summary>
    public static Counter<long> DeadLettered { get; } = Meter.CreateCounter<long>("civilprotection.messages.deadlettered", "{message}", "Messages dead-lettered by the pump.");

    /// <summary>Requests the repair brought up to date after a message was lost or dead-lettered (tag <c>part</c>: lists, inboxes, notices).</summary>
    public static Counter<long> Repaired { get; } = Meter.CreateCounter<long>("civilprotection.requests.repaired", "{request}", "Requests whose lists, inboxes or notices the repair brought up to date.");

    public static void RecordFiled(string urgency) => RequestsFiled.Add(1, new KeyValuePair<string, object?>("urgency", urgency));

    public static void RecordDecision(string decision, DateTimeOffset? stageOpenedAt, DateTimeOffset decidedAt)
    {
        var tag = new KeyValuePair<string, object?>("decision", decision);
        Decisions.Add(1, tag);
        if (stageOpenedAt is { } opened && decidedAt >= opened)
        {
            TimeToDecision.Record((decidedAt - opened).TotalSeconds, tag);
        }
    }

    public static void RecordRepair(string part) => Repaired.Add(1, new KeyValuePair<string, object?>("part", part));

    public static void RecordSmsFailed(string reason) => SmsFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void RecordEscalation(string reason) => Escalations.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void RecordDeadLettered(string queue, string reason) =>
        DeadLettered.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>The W3C <c>traceparent</c> of the current activity, to write beside a message; null when nothing is traced.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Starts the consumer activity of a received message, as a child of the activity that wrote it when it carries one.</summary>
    public static Activity? StartHandling(ReceivedMessage message)
    {
        var parent = ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var context) ? context : default;
        var activity = Source.StartActivity($"handle {message.Queue}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.destination.name", message.Queue);
        return activity;
    }
}
