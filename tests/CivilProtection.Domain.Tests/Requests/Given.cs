using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>Requests in every state a test starts from, built only through the domain's own transitions, at fixed instants.</summary>
internal static class Given
{
    public const string RequestId = "req-0001";
    public const string Reference = "MA-2025-0001";
    public const string Requesting = "MA-DGPC";
    public const string Assisting = "FR-DGSCGC";
    public const string CorrelationId = "corr-0001";

    public static readonly DateTimeOffset FiledAt = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = FiledAt.AddMinutes(40);
    public static readonly DateTimeOffset MuchLater = FiledAt.AddHours(3);
    public static readonly DateTimeOffset LaterStill = FiledAt.AddHours(7);

    public static readonly Actor DutyOfficer = new("ma-duty-1", "Youssef El Amrani");
    public static readonly Actor RequestingApprover = new("ma-approver-1", "Nadia Bennani");
    public static readonly Actor AssistingApprover = new("fr-approver-1", "Claire Martin");
    public static readonly Actor ThirdApprover = new("fr-approver-2", "Paul Girard");
    public static readonly Actor Coordinator = new("fr-coordinator-1", "Hélène Robert");

    // Every stage has its own deadlines, and every urgency its own length, so a deadline taken from the wrong place shows.
    public static readonly DecisionDeadlines FirstStageDeadlines = new(TimeSpan.FromMinutes(60), TimeSpan.FromHours(4), TimeSpan.FromHours(24));
    public static readonly DecisionDeadlines SecondStageDeadlines = new(TimeSpan.FromMinutes(90), TimeSpan.FromHours(6), TimeSpan.FromHours(48));
    public static readonly DecisionDeadlines ThirdStageDeadlines = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12));

    public static readonly StageDefinition RequestingStage = new("Requesting authority", Requesting, "ma-approvers", FirstStageDeadlines);
    public static readonly StageDefinition AssistingStage = new("Assisting authority", Assisting, "fr-approvers", SecondStageDeadlines);
    public static readonly StageDefinition DeploymentStage = new("Deployment", Assisting, "fr-deployment", ThirdStageDeadlines);

    public static ApprovalRoute OneStageRoute => new(Requesting, Assisting, [RequestingStage]);

    public static ApprovalRoute TwoStageRoute => new(Requesting, Assisting, [RequestingStage, AssistingStage]);

    public static ApprovalRoute ThreeStageRoute => new(Requesting, Assisting, [RequestingStage, AssistingStage, DeploymentStage]);

    public static RequestDetails Details(Urgency urgency = Urgency.Routine) => new(
        new Incident("flood", "Crue de l'oued Sebou", "Inondations majeures dans la plaine du Gharb.", "Rabat-Salé-Kénitra", "Sidi Kacem", new Coordinates(34.22, -5.71)),
        urgency,
        [new RequestedCapability("high-capacity-pumping", 2, "Autonomie 72 h"), new RequestedCapability("flood-rescue-boats", 4, null)],
        FiledAt.AddDays(2),
        new PointOfContact("Youssef El Amrani", "+212612345678", "y.elamrani@protectioncivile.ma"),
        "fr");

    /// <summary>A request just filed, still carrying the events and messages of its filing.</summary>
    public static AssistanceRequest Filed(ApprovalRoute? route = null, Urgency urgency = Urgency.Routine) =>
        AssistanceRequest.File(RequestId, Reference, Details(urgency), route ?? TwoStageRoute, DutyOfficer, FiledAt, CorrelationId);

    /// <summary>A request loaded from storage, with no pending event or message, so a test sees only its own transition's.</summary>
    public static AssistanceRequest Loaded(AssistanceRequest request) => AssistanceRequest.Restore(request.State);

    /// <summary>A pending request at the given stage of a two-stage route, as loaded from storage.</summary>
    public static AssistanceRequest PendingAtStage(int stageIndex, Urgency urgency = Urgency.Routine)
    {
        var request = Filed(TwoStageRoute, urgency);
        for (var i = 0; i < stageIndex; i++)
        {
            request.Approve(RequestingApprover, Later, comment: null);
        }
        return Loaded(request);
    }

    /// <summary>A request of a two-stage route brought to the status through transitions (its events and messages still pending).</summary>
    public static AssistanceRequest InStatus(RequestStatus status)
    {
        var request = Filed(TwoStageRoute);
        switch (status)
        {
            case RequestStatus.PendingApproval:
                break;
            case RequestStatus.ReturnedForInformation:
                request.ReturnForInformation(RequestingApprover, Later, "Combien de personnes sont sinistrées ?");
                break;
            case RequestStatus.Approved:
                request.Approve(RequestingApprover, Later, comment: null);
                request.Approve(AssistingApprover, MuchLater, comment: null);
                break;
            case RequestStatus.Rejected:
                request.Reject(RequestingApprover, Later, "Les moyens nationaux suffisent.");
                break;
            case RequestStatus.Cancelled:
                request.Cancel(DutyOfficer, Later, "La crue est passée.");
                break;
            case RequestStatus.Dispatched:
                request.Approve(RequestingApprover, Later, comment: null);
                request.Approve(AssistingApprover, MuchLater, comment: null);
                request.MarkDispatched(Coordinator, LaterStill);
                break;
            case RequestStatus.Closed:
                request.Approve(RequestingApprover, Later, comment: null);
                request.Approve(AssistingApprover, MuchLater, comment: null);
                request.MarkDispatched(Coordinator, LaterStill);
                request.Close(Coordinator, LaterStill.AddDays(3), "Mission terminée.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "No such status.");
        }
        Assert.Equal(status, request.Status);
        return request;
    }
}
