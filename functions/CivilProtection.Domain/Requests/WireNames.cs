namespace CivilProtection.Domain.Requests;

/// <summary>The kebab-case names the API, storage and pages use for the domain's enumerations.</summary>
public static class WireNames
{
    public static string Of(Urgency urgency) => urgency switch
    {
        Urgency.LifeSafety => "life-safety",
        Urgency.Urgent => "urgent",
        _ => "routine",
    };

    public static string Of(RequestStatus status) => status switch
    {
        RequestStatus.PendingApproval => "pending-approval",
        RequestStatus.ReturnedForInformation => "returned-for-information",
        RequestStatus.Approved => "approved",
        RequestStatus.Rejected => "rejected",
        RequestStatus.Dispatched => "dispatched",
        RequestStatus.Closed => "closed",
        RequestStatus.Open => "open",
        _ => "cancelled",
    };

    public static string Of(StageStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(Offers.OfferStatus status) => status switch
    {
        Offers.OfferStatus.PendingApproval => "pending-approval",
        Offers.OfferStatus.QuestionAsked => "question-asked",
        Offers.OfferStatus.PartiallyAccepted => "partially-accepted",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Of(Offers.AddresseeStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseUrgency(string? value, out Urgency urgency) => TryParse(value, Of, out urgency);

    public static bool TryParseStatus(string? value, out RequestStatus status) => TryParse(value, Of, out status);

    /// <summary>Reads back the value of <typeparamref name="T"/> whose wire name (by <paramref name="nameOf"/>) is <paramref name="value"/>.</summary>
    public static bool TryParse<T>(string? value, Func<T, string> nameOf, out T parsed) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(candidate), value, StringComparison.Ordinal))
            {
                parsed = candidate;
                return true;
            }
        }
        parsed = default;
        return false;
    }
}
