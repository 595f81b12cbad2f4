using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Requests;

namespace CivilProtection.Domain.Tests.Offers;

/// <summary>Requests to several partners in every state an exchange test starts from, built only through the domain's transitions.</summary>
internal static class Exchange
{
    public const string France = "FR-DGSCGC";
    public const string Spain = "ES-DGPCE";
    public const string Portugal = "PT-ANEPC";
    public const string Italy = "IT-DPC";

    public static readonly Actor FrenchCoordinator = new("fr-coordinator", "Sophie Bernard");
    public static readonly Actor FrenchApprover = new("fr-approver", "Julien Moreau");
    public static readonly Actor SpanishCoordinator = new("es-coordinator", "Lucía García");
    public static readonly Actor ItalianCoordinator = new("it-coordinator", "Marco Rossi");

    public static readonly StageDefinition FrenchOfferStage = new("offer-approval", France, "acceptance", Given.SecondStageDeadlines);

    public static readonly PointOfContact FrenchContact = new("Sophie Bernard", "+33612345678", "s.bernard@interieur.gouv.fr");

    /// <summary>Filed to France, Spain and Portugal; validation pending.</summary>
    public static AssistanceRequest Filed(Urgency urgency = Urgency.Routine) => AssistanceRequest.FileToPartners(
        Given.RequestId, Given.Reference, Given.Details(urgency), Given.Requesting, [France, Spain, Portugal], [Given.RequestingStage],
        Given.DutyOfficer, Given.FiledAt, Given.CorrelationId);

    /// <summary>Validated and out to the three partners, as loaded from storage.</summary>
    public static AssistanceRequest Open()
    {
        var request = Filed();
        request.Approve(Given.RequestingApprover, Given.Later, comment: null);
        return Given.Loaded(request);
    }

    /// <summary>Requested: 2 pumps (line 0), 4 boats (line 1).</summary>
    public static OfferLine Line(int requestLine, int quantity, string? code = null) => new(
        requestLine, code ?? (requestLine == 0 ? "high-capacity-pumping" : "flood-rescue-boats"), quantity,
        Given.FiledAt.AddHours(20), DurationDays: 14, SelfSufficient: true, "Host-nation support: fuel", new Money(125_000.50m, "EUR"));

    /// <summary>An open request with a sent offer from <paramref name="authority"/> (no approval stages), as loaded.</summary>
    public static (AssistanceRequest Request, string OfferId) WithSentOffer(string authority, params OfferLine[] lines)
    {
        var request = Open();
        var offer = request.PrepareOffer(authority, lines, FrenchContact, [], FrenchCoordinator, Given.MuchLater);
        return (Given.Loaded(request), offer.OfferId);
    }
}
