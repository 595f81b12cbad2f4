using CivilProtection.Application.Forms;
using CivilProtection.Domain.Costs;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Costs;

/// <summary>Reads the claim forms into the domain's terms, naming every bad field (<c>lines[2].currency</c>) at once.</summary>
public static class ClaimValidation
{
    public const int MaxReference = 100;

    public static IReadOnlyList<ClaimLineDraft> Lines(ClaimForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new FieldErrors();
        var drafts = new List<ClaimLineDraft>();
        if (form.Lines is not { Count: > 0 and <= CostClaim.MaxLines } lines)
        {
            throw new FormRejectedException("lines", $"Give 1 to {CostClaim.MaxLines} lines.");
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var path = $"lines[{i}]";
            var line = lines[i] ?? new ClaimLineForm();
            if (!WireNames.TryParse(line.Category, out CostCategory category))
            {
                errors.Add($"{path}.category", "Say personnel, transport, equipment, consumables or subsistence.");
            }
            var description = line.Description?.Trim() ?? "";
            if (description.Length is 0 or > CostClaim.MaxText)
            {
                errors.Add($"{path}.description", $"Say what the line pays for, in at most {CostClaim.MaxText} characters.");
            }
            if (CostAmounts.CurrencyProblem(line.Currency) is { } currencyProblem)
            {
                errors.Add($"{path}.currency", currencyProblem);
            }
            if (CostAmounts.AmountProblem(line.Amount, line.Currency) is { } amountProblem)
            {
                errors.Add($"{path}.amount", amountProblem);
            }
            if (line.EuMayCoFinance == true && category != CostCategory.Transport)
            {
                errors.Add($"{path}.euMayCoFinance", "Only a transport line may be co-financed by the EU mechanism.");
            }
            if (!errors.Any)
            {
                drafts.Add(new ClaimLineDraft(category, description, line.Amount!.Value, line.Currency!, line.EuMayCoFinance == true));
            }
        }
        return errors.Any ? throw new FormRejectedException(errors) : drafts;
    }

    /// <summary>The decisions of a review of <paramref name="claim"/>: each line in it once, each partial amount below the claimed one.</summary>
    public static IReadOnlyList<LineVerdict> Verdicts(ClaimReviewForm form, ClaimState claim)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(claim);
        if (form.Lines is not { Count: > 0 } lines || lines.Count > claim.Lines.Count)
        {
            throw new FormRejectedException("lines", $"Decide 1 to {claim.Lines.Count} lines of the claim.");
        }
        var errors = new FieldErrors();
        var verdicts = new List<LineVerdict>();
        var seen = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var path = $"lines[{i}]";
            var verdict = lines[i] ?? new LineVerdictForm();
            var claimed = verdict.Line is { } index && index >= 0 && index < claim.Lines.Count ? claim.Lines[index] : null;
            if (claimed is null || !seen.Add(verdict.Line!.Value))
            {
                errors.Add($"{path}.line", $"Name a line of the claim (0 to {claim.Lines.Count - 1}), each once.");
            }
            if (!WireNames.TryParse(verdict.Decision, out LineDecision decision))
            {
                errors.Add($"{path}.decision", "Say approve, partly-approve or dispute.");
            }
            else if (decision == LineDecision.PartlyApprove && claimed is not null
                && (CostAmounts.AmountProblem(verdict.ApprovedAmount, claimed.Currency) is not null || verdict.ApprovedAmount >= claimed.Amount))
            {
                errors.Add($"{path}.approvedAmount",
                    $"Approve part of the {claimed.Amount} {claimed.Currency} claimed: above zero and less than it, in the currency's minor units.");
            }
            else if (decision != LineDecision.PartlyApprove && verdict.ApprovedAmount is not null)
            {
                errors.Add($"{path}.approvedAmount", "Only a partial approval names an approved amount.");
            }
            var reason = verdict.Reason?.Trim();
            if (reason?.Length > CostClaim.MaxText || (decision != LineDecision.Approve && string.IsNullOrEmpty(reason)))
            {
                errors.Add($"{path}.reason", $"Give the reason for a partial approval or a dispute, in at most {CostClaim.MaxText} characters.");
            }
            verdicts.Add(new LineVerdict(verdict.Line ?? -1, decision, verdict.ApprovedAmount, string.IsNullOrEmpty(reason) ? null : reason));
        }
        return errors.Any ? throw new FormRejectedException(errors) : verdicts;
    }

    public static string? Reference(ClaimPaymentForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var reference = string.IsNullOrWhiteSpace(form.Reference) ? null : form.Reference.Trim();
        return reference?.Length > MaxReference ? throw new FormRejectedException("reference", $"At most {MaxReference} characters.") : reference;
    }
}
