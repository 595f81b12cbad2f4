using CivilProtection.Application.Outbox;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>
/// One atomic change of a request's partition beyond a plain transition: notices, the dispatch, SMS records, timeline
/// lines and outbox rows, and the request itself when it changes too. Rows read with a tag are written only if
/// unchanged since; rows without a tag are new and written only if absent.
/// </summary>
public sealed class PartitionChange(string requestId)
{
    public string RequestId { get; } = requestId;

    /// <summary>The request, when the change also transitions it (its new events and messages are committed too).</summary>
    public Versioned<AssistanceRequest>? Request { get; set; }

    public List<Versioned<NoticeState>> Notices { get; } = [];

    public Versioned<DispatchState>? Dispatch { get; set; }

    /// <summary>An assisting authority's deployment on the request (its own row, so partners never contend for one tag).</summary>
    public Versioned<DeploymentState>? Deployment { get; set; }

    /// <summary>An assisting authority's cost claim on the request (its own row, beside its deployment's).</summary>
    public Versioned<Domain.Costs.ClaimState>? Claim { get; set; }

    public List<Versioned<SmsRecord>> Sms { get; } = [];

    public List<AuditEvent> Events { get; } = [];

    /// <summary>The inbound SMS this change applies, recorded with it (written only if absent, so it applies once).</summary>
    public AppliedReply? Reply { get; set; }

    public List<OutboxRow> Outbox { get; } = [];

    /// <summary>Whether the change commits any outbox row (and so needs a marker before it commits).</summary>
    public bool Sends => Outbox.Count > 0 || Request?.Value.NewMessages.Count > 0;

    /// <summary>Every outbox row the change commits: its own and those of the request's transition.</summary>
    public IReadOnlyList<OutboxRow> AllOutboxRows() =>
        Request is { } request ? [.. OutboxRouting.RowsOf(request.Value), .. Outbox] : Outbox;

    /// <summary>Adds an SMS to send: its record (pending) and the outbox row that hands it to the sender.</summary>
    public void Send(SmsRecord sms, string correlationId)
    {
        Sms.Add(new Versioned<SmsRecord>(sms, null));
        Outbox.Add(OutboxRouting.SmsToSend(sms, correlationId));
    }
}

/// <summary>A value as read with the tag that guards its next write; a null tag marks a new row.</summary>
public sealed record Versioned<T>(T Value, string? ETag);
