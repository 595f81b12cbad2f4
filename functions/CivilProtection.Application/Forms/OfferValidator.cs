using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Forms;

/// <summary>Turns posted offer lines into <see cref="OfferLine"/>s against a request's lines, or lists every field that is wrong.</summary>
public static class OfferValidator
{
    public const int MaxLines = 40;
    public const int MaxDurationDays = 365;

    public static IReadOnlyList<OfferLine> ValidateLines(
        List<OfferLineForm>? forms, AssistanceRequestState request, DateTimeOffset now, FieldErrors errors, string path = "lines", IReadOnlySet<string>? nationalCodes = null)
    {
        if (forms is not { Count: > 0 })
        {
            errors.Add(path, "Offer at least one of the requested lines.");
            return [];
        }
        if (forms.Count > MaxLines)
        {
            errors.Add(path, $"At most {MaxLines} lines.");
            return [];
        }
        var lines = new List<OfferLine>();
        for (var i = 0; i < forms.Count; i++)
        {
            var form = forms[i];
            var at = $"{path}[{i}]";
            if (form.RequestLine is not { } requestLine || requestLine < 0 || requestLine >= request.Details.Capabilities.Count)
            {
                errors.Add($"{at}.requestLine", $"Choose a requested line from 0 to {request.Details.Capabilities.Count - 1}.");
                continue;
            }
            var line = new FieldErrors();
            var requested = request.Details.Capabilities[requestLine];
            var code = form.Code ?? requested.Code;
            // An alternative comes from the catalogue version the request was filed with, the current one, or the national
            // types; a type a partner's system asked for from its own value list, or a national type, is answered as asked.
            var asAsked = code == requested.Code && requested.ValueListUrn is not null;
            if (!asAsked && CatalogueVersions.Find(request.CatalogueVersion)?.Find(code) is null && CatalogueVersions.Current.Find(code) is null
                && code != requested.Code && nationalCodes?.Contains(code) != true)
            {
                line.Add($"{at}.code", $"Choose a capability of catalogue {CatalogueVersions.Find(request.CatalogueVersion)?.Version ?? CatalogueVersions.Current.Version}.");
            }
            if (form.Quantity is not (>= 1 and <= RequestDetailsValidator.MaxQuantity))
            {
                line.Add($"{at}.quantity", $"Offer between 1 and {RequestDetailsValidator.MaxQuantity}.");
            }
            if (form.EarliestArrival is not { } arrival)
            {
                line.Add($"{at}.earliestArrival", "Say when it can arrive at the earliest.");
            }
            else if (arrival < now.AddMinutes(-5) || arrival > now.AddYears(1))
            {
                line.Add($"{at}.earliestArrival", "The earliest arrival must be between now and a year from now.");
            }
            if (form.DurationDays is not (>= 1 and <= MaxDurationDays))
            {
                line.Add($"{at}.durationDays", $"Say for how many days, from 1 to {MaxDurationDays}.");
            }
            if (form.SelfSufficient is null)
            {
                line.Add($"{at}.selfSufficient", "Say whether it is self-sufficient.");
            }
            if (form.Conditions?.Length > RequestDetailsValidator.MaxNotes)
            {
                line.Add($"{at}.conditions", $"At most {RequestDetailsValidator.MaxNotes} characters.");
            }
            var cost = ValidateCost(form.EstimatedCost, $"{at}.estimatedCost", line);
            errors.AddAll(line);
            if (!line.Any)
            {
                lines.Add(new OfferLine(requestLine, code, form.Quantity!.Value, form.EarliestArrival!.Value.ToUniversalTime(), form.DurationDays!.Value,
                    form.SelfSufficient!.Value, string.IsNullOrWhiteSpace(form.Conditions) ? null : form.Conditions.Trim(), cost));
            }
        }
        return lines;
    }

    private static Money? ValidateCost(MoneyForm? form, string path, FieldErrors errors)
    {
        if (form is null)
        {
            return null;
        }
        if (form.Amount is not { } amount || amount < 0 || amount > 1_000_000_000_000m || decimal.Round(amount, 2) != amount)
        {
            errors.Add($"{path}.amount", "Give an amount of zero or more, with at most two decimals.");
        }
        if (form.Currency is null || !Currencies.IsIso4217(form.Currency))
        {
            errors.Add($"{path}.currency", "Give an ISO 4217 currency code, e.g. EUR or MAD.");
        }
        return form.Amount is { } a && form.Currency is { } c ? new Money(a, c) : null;
    }

    public static IReadOnlyList<LineAcceptance> ValidateAcceptances(List<LineAcceptanceForm>? forms, OfferState offer, FieldErrors errors)
    {
        var acceptances = new List<LineAcceptance>();
        for (var i = 0; i < (forms?.Count ?? 0); i++)
        {
            var form = forms![i];
            if (form.OfferLine is not { } line || line < 0 || line >= offer.Lines.Count)
            {
                errors.Add($"lines[{i}].offerLine", $"Choose an offer line from 0 to {offer.Lines.Count - 1}.");
                continue;
            }
            if (acceptances.Any(a => a.OfferLine == line))
            {
                errors.Add($"lines[{i}].offerLine", "Each offer line once.");
                continue;
            }
            if (form.Quantity is not { } quantity || quantity < 0 || quantity > offer.Lines[line].Quantity)
            {
                errors.Add($"lines[{i}].quantity", $"Accept between 0 and the {offer.Lines[line].Quantity} offered.");
                continue;
            }
            acceptances.Add(new LineAcceptance(line, quantity));
        }
        return acceptances;
    }
}
