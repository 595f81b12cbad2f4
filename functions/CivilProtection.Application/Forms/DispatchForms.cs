namespace CivilProtection.Application.Forms;

/// <summary>The body of <c>POST /api/requests/{id}/dispatch</c>: the mission, and the responders to ask.</summary>
public sealed class DispatchForm
{
    public string? MeetingPoint { get; set; }
    public DateTimeOffset? ReportAt { get; set; }
    public List<OfferForm>? Offers { get; set; }
}

/// <summary>One responder to ask, for one capability (and, filling a committed module's team, one role of it).</summary>
public sealed class OfferForm
{
    public string? PersonId { get; set; }
    public string? Capability { get; set; }

    /// <summary>A role of the module's team composition (<c>pump-operator</c>); only where the dispatch's needs have roles.</summary>
    public string? Role { get; set; }
}

/// <summary>The body of <c>POST /api/requests/{id}/closure</c>.</summary>
public sealed class ClosureForm
{
    public string? Comment { get; set; }
}
