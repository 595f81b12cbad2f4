namespace CivilProtection.Application.Forms;

/// <summary>The body of <c>POST /api/requests/{id}/offers</c>: what a partner offers against the requested lines.</summary>
public sealed class AssistanceOfferForm
{
    public List<OfferLineForm>? Lines { get; set; }
    public ContactForm? Contact { get; set; }
}

public sealed class OfferLineForm
{
    /// <summary>The index of the requested line this answers.</summary>
    public int? RequestLine { get; set; }

    /// <summary>Optional: another catalogue code offered as an alternative; the requested one when left out.</summary>
    public string? Code { get; set; }
    public int? Quantity { get; set; }
    public DateTimeOffset? EarliestArrival { get; set; }
    public int? DurationDays { get; set; }
    public bool? SelfSufficient { get; set; }

    /// <summary>Transport, host-nation support needed, anything the requester must know.</summary>
    public string? Conditions { get; set; }
    public MoneyForm? EstimatedCost { get; set; }
}

public sealed class MoneyForm
{
    public decimal? Amount { get; set; }

    /// <summary>ISO 4217, e.g. <c>EUR</c>, <c>MAD</c>.</summary>
    public string? Currency { get; set; }
}

/// <summary>The body of <c>POST /api/requests/{id}/offers/{offerId}/decisions</c> (the offering side's approvers) and of the requester's decision.</summary>
public sealed class OfferDecisionForm
{
    /// <summary>For the offering side's stage: <c>approve</c> or <c>reject</c>.</summary>
    public string? Decision { get; set; }

    /// <summary>For the requester's decision: how many of each offer line are accepted (a missing line accepts none).</summary>
    public List<LineAcceptanceForm>? Lines { get; set; }
    public string? Comment { get; set; }

    /// <summary>The offer version the decider looked at; a decision on an offer that changed since is refused.</summary>
    public int? Version { get; set; }
}

public sealed class LineAcceptanceForm
{
    public int? OfferLine { get; set; }
    public int? Quantity { get; set; }
}

/// <summary>A comment on an act of the exchange (declining to offer, withdrawing, asking, answering, closing to offers).</summary>
public sealed class ExchangeCommentForm
{
    public string? Comment { get; set; }

    /// <summary>With an answer to a question: the offer's amended lines, if it changes.</summary>
    public List<OfferLineForm>? Lines { get; set; }
    public int? Version { get; set; }
}

/// <summary>The body of <c>POST /api/requests/{id}/amendment</c>: an open request's new details and what changed.</summary>
public sealed class AmendmentForm : RequestDetailsForm
{
    public string? Comment { get; set; }

    /// <summary>Moves the deadline for offers (future, at most 90 days ahead, while offers are taken); absent keeps it.</summary>
    public DateTimeOffset? OffersBy { get; set; }
}
