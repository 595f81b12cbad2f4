using System.Globalization;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Costs;

/// <summary>
/// A cost claim: the assisting authority submits it once its deployment is home; the requesting authority reviews each
/// line (approves, approves part, or disputes it, with a reason); the assisting side revises a disputed line, which
/// goes back to review; once every line is approved in full or in part the claim is approved, then paid. Each act
/// records one timeline line for the two parties.
/// </summary>
public sealed class CostClaim
{
    public const int MaxLines = 100;
    public const int MaxText = 500;

    private readonly List<AuditEvent> _events = [];

    private CostClaim(ClaimState state) => State = state;

    public ClaimState State { get; private set; }

    public IReadOnlyList<AuditEvent> Events => _events;

    public static CostClaim Restore(ClaimState state) => new(state);

    /// <summary>The assisting side claims its costs; refused before its deployment on the request returned.</summary>
    public static CostClaim Submit(
        AssistanceRequestState request, DeploymentState? deployment, IReadOnlyList<ClaimLineDraft> lines, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(by);
        if (deployment is null || deployment.RequestId != request.Id)
        {
            throw new TransitionRefusedException("Only an authority whose teams deployed on the request claims its costs.");
        }
        if (deployment.Status != DeploymentStatus.Returned)
        {
            throw new TransitionRefusedException(
                $"A cost claim is submitted once the teams have returned; the deployment of {deployment.AuthorityId} is {WireNames.Of(deployment.Status)}.");
        }
        CheckLines(lines);
        var claim = new CostClaim(new ClaimState(
            request.Id, deployment.AuthorityId, request.RequestingAuthorityId, ClaimStatus.Submitted, [.. lines.Select(l => l.ToLine())], now, by.UserId, by.DisplayName)
        {
            Version = 1,
        });
        claim.Record(AuditActions.CostClaimSubmitted, by, now, $"{lines.Count} line(s): {Describe(ClaimTotals.Of([claim.State]))}");
        return claim;
    }

    /// <summary>
    /// The requester decides lines still pending review. The first review puts the claim under review; once every line
    /// is approved in full or in part, it is approved. A line already decided keeps its decision: only the assisting
    /// side's revision of a disputed line puts it back to review.
    /// </summary>
    public void Review(IReadOnlyList<LineVerdict> verdicts, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(by);
        if (State.Status is not (ClaimStatus.Submitted or ClaimStatus.UnderReview))
        {
            throw new TransitionRefusedException($"A claim that is {WireNames.Of(State.Status)} is not reviewed any more.");
        }
        if (verdicts.Count == 0)
        {
            throw new TransitionRefusedException("A review decides at least one line.");
        }
        var lines = State.Lines.ToList();
        foreach (var verdict in verdicts)
        {
            if (verdict.Line < 0 || verdict.Line >= lines.Count)
            {
                throw new TransitionRefusedException($"The claim has no line {verdict.Line}.");
            }
            var line = lines[verdict.Line];
            if (line.Review.Status != LineReviewStatus.Pending)
            {
                throw new TransitionRefusedException($"Line {verdict.Line} is {WireNames.Of(line.Review.Status)} already; only a line pending review is decided.");
            }
            lines[verdict.Line] = line with { Review = Decide(line, verdict, by, now) };
        }
        var approved = lines.All(l => l.Review.Status is LineReviewStatus.Approved or LineReviewStatus.PartlyApproved);
        State = State with
        {
            Lines = lines,
            Status = approved ? ClaimStatus.Approved : ClaimStatus.UnderReview,
            Version = State.Version + 1,
        };
        Record(AuditActions.CostClaimReviewed, by, now, string.Join("; ", verdicts.Select(v => $"line {v.Line + 1} {WireNames.Of(lines[v.Line].Review.Status)}"
            + (v.Reason is null ? "" : $": {v.Reason}"))));
        if (approved)
        {
            Record(AuditActions.CostClaimApproved, by, now, $"approved: {Describe(ClaimTotals.Of([State]), approvedOnly: true)}");
        }
    }

    /// <summary>
    /// The assisting side answers a dispute: it resends every line, and only disputed lines may differ from what
    /// it claimed; each one that does goes back to review (pending). A disputed line sent unchanged stays disputed.
    /// </summary>
    public void Revise(IReadOnlyList<ClaimLineDraft> lines, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(by);
        if (State.Status != ClaimStatus.UnderReview || !State.Lines.Any(l => l.Review.Status == LineReviewStatus.Disputed))
        {
            throw new TransitionRefusedException("Only a claim with a disputed line is revised.");
        }
        if (lines.Count != State.Lines.Count)
        {
            throw new TransitionRefusedException($"A revision sends the claim's {State.Lines.Count} line(s), in their order.");
        }
        CheckLines(lines);
        var revised = new List<int>();
        var next = State.Lines.Select((line, i) =>
        {
            if (line.Says(lines[i]))
            {
                return line;
            }
            if (line.Review.Status != LineReviewStatus.Disputed)
            {
                throw new TransitionRefusedException($"Line {i} is {WireNames.Of(line.Review.Status)}; only a disputed line is revised.");
            }
            revised.Add(i);
            return lines[i].ToLine(line.Revision + 1);
        }).ToList();
        if (revised.Count == 0)
        {
            throw new TransitionRefusedException("The revision changes no disputed line.");
        }
        State = State with { Lines = next, Version = State.Version + 1 };
        Record(AuditActions.CostClaimRevised, by, now, string.Join("; ", revised.Select(i => $"line {i + 1}: {Money(next[i].Amount, next[i].Currency)}")));
    }

    /// <summary>The requester records that it paid the approved amounts.</summary>
    public void MarkPaid(Actor by, DateTimeOffset now, string? reference)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (State.Status != ClaimStatus.Approved)
        {
            throw new TransitionRefusedException($"Only an approved claim is paid; this one is {WireNames.Of(State.Status)}.");
        }
        State = State with { Status = ClaimStatus.Paid, Payment = new ClaimPayment(by.UserId, by.DisplayName, now, reference), Version = State.Version + 1 };
        Record(AuditActions.CostClaimPaid, by, now, $"paid: {Describe(ClaimTotals.Of([State]), approvedOnly: true)}" + (reference is null ? "" : $" ({reference})"));
    }

    private static LineReview Decide(ClaimLine line, LineVerdict verdict, Actor by, DateTimeOffset now)
    {
        var reason = string.IsNullOrWhiteSpace(verdict.Reason) ? null : verdict.Reason.Trim();
        switch (verdict.Decision)
        {
            case LineDecision.Approve:
                return new LineReview(LineReviewStatus.Approved, line.Amount, reason, by.UserId, by.DisplayName, now);
            case LineDecision.PartlyApprove:
                if (verdict.ApprovedAmount is not { } part || part <= 0 || part >= line.Amount || CostAmounts.AmountProblem(part, line.Currency) is not null)
                {
                    throw new TransitionRefusedException("A partial approval approves an amount above zero and below the one claimed, in the currency's minor units.");
                }
                return new LineReview(LineReviewStatus.PartlyApproved, part, reason ?? throw Unexplained(verdict), by.UserId, by.DisplayName, now);
            default:
                return new LineReview(LineReviewStatus.Disputed, null, reason ?? throw Unexplained(verdict), by.UserId, by.DisplayName, now);
        }
    }

    private static TransitionRefusedException Unexplained(LineVerdict verdict) =>
        new($"A line {(verdict.Decision == LineDecision.Dispute ? "disputed" : "approved in part")} gives its reason.");

    private static void CheckLines(IReadOnlyList<ClaimLineDraft> lines)
    {
        if (lines.Count is 0 or > MaxLines)
        {
            throw new TransitionRefusedException($"A claim has 1 to {MaxLines} lines.");
        }
        foreach (var line in lines)
        {
            if ((CostAmounts.CurrencyProblem(line.Currency) ?? CostAmounts.AmountProblem(line.Amount, line.Currency)) is { } problem)
            {
                throw new TransitionRefusedException(problem);
            }
            if (line.EuMayCoFinance && line.Category != CostCategory.Transport)
            {
                throw new TransitionRefusedException("Only a transport line may be co-financed by the EU mechanism.");
            }
            if (string.IsNullOrWhiteSpace(line.Description) || line.Description.Length > MaxText)
            {
                throw new TransitionRefusedException($"Each line says what it pays for, in at most {MaxText} characters.");
            }
        }
    }

    private void Record(string action, Actor by, DateTimeOffset now, string comment) =>
        _events.Add(new AuditEvent(0, now, by.UserId, by.DisplayName, action, comment, null, AuthorityId: State.AuthorityId));

    // Side by side, one amount per currency: never added across currencies.
    private static string Describe(IReadOnlyList<CurrencyTotal> totals, bool approvedOnly = false) =>
        string.Join(" + ", totals.Select(t => Money(approvedOnly ? t.Approved : t.Claimed, t.Currency)));

    private static string Money(decimal amount, string currency) =>
        $"{amount.ToString($"F{Iso4217.MinorUnits(currency) ?? 2}", CultureInfo.InvariantCulture)} {currency}";
}
