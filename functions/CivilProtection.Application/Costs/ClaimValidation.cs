using CivilProtection.Application.Forms;
using CivilProtection.Domain.Costs;
using CivilProtection.Application.Problems;
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
            throw new FormRejectedException("lines", FieldError.CountOutOfRange(1, CostClaim.MaxLines));
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var path = $"lines[{i}]";
            var line = lines[i] ?? new ClaimLineForm();
            if (!WireNames.TryParse(line.Category, out CostCategory category))
            {
                errors.Add($"{path}.category", FieldError.NotOneOf(["personnel", "transport", "equipment", "consumables", "subsistence"]));
            }
            var description = line.Description?.Trim() ?? "";
            if (description.Length is 0 or > CostClaim.MaxText)
            {
                errors.Add($"{path}.description", FieldError.TooLong(CostClaim.MaxText));
            }
            if (CostAmounts.CurrencyProblem(line.Currency) is not null)
            {
                errors.Add($"{path}.currency", FieldError.NotACurrency);
            }
            if (CostAmounts.AmountProblem(line.Amount, line.Currency) is not null)
            {
                errors.Add($"{path}.amount", AmountError(line.Amount, line.Currency));
            }
            if (line.EuMayCoFinance == true && category != CostCategory.Transport)
            {
                errors.Add($"{path}.euMayCoFinance", FieldError.NotAllowedHere);
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
            throw new FormRejectedException("lines", FieldError.CountOutOfRange(1, claim.Lines.Count));
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
                errors.Add($"{path}.line", FieldError.OutOfRange(0, claim.Lines.Count - 1));
            }
            if (!WireNames.TryParse(verdict.Decision, out LineDecision decision))
            {
                errors.Add($"{path}.decision", FieldError.NotOneOf(["approve", "partly-approve", "dispute"]));
            }
            else if (decision == LineDecision.PartlyApprove && claimed is not null
                && (CostAmounts.AmountProblem(verdict.ApprovedAmount, claimed.Currency) is not null || verdict.ApprovedAmount >= claimed.Amount))
            {
                errors.Add($"{path}.approvedAmount", verdict.ApprovedAmount >= claimed.Amount
                    ? FieldError.OutOfRange(0, claimed.Amount)
                    : AmountError(verdict.ApprovedAmount, claimed.Currency));
            }
            else if (decision != LineDecision.PartlyApprove && verdict.ApprovedAmount is not null)
            {
                errors.Add($"{path}.approvedAmount", FieldError.NotAllowedHere);
            }
            var reason = verdict.Reason?.Trim();
            if (reason?.Length > CostClaim.MaxText || (decision != LineDecision.Approve && string.IsNullOrEmpty(reason)))
            {
                errors.Add($"{path}.reason", FieldError.ReasonRequired);
            }
            verdicts.Add(new LineVerdict(verdict.Line ?? -1, decision, verdict.ApprovedAmount, string.IsNullOrEmpty(reason) ? null : reason));
        }
        return errors.Any ? throw new FormRejectedException(errors) : verdicts;
    }

    public static string? Reference(ClaimPaymentForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var reference = string.IsNullOrWhiteSpace(form.Reference) ? null : form.Reference.Trim();
        return reference?.Length > MaxReference ? throw new FormRejectedException("reference", FieldError.TooLong(MaxReference)) : reference;
    }

    // The domain's CostAmounts says what is wrong in English; the caller gets it as a code.
    private static FieldError AmountError(decimal? amount, string? currency) =>
        amount is > 0 and <= CostAmounts.Largest ? FieldError.TooPrecise(Iso4217.MinorUnits(currency) ?? 2) : FieldError.NotAnAmount;
}
