using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Application.Problems;

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
            errors.Add(path, FieldError.TooFew(1));
            return [];
        }
        if (forms.Count > MaxLines)
        {
            errors.Add(path, FieldError.TooMany(MaxLines));
            return [];
        }
        var lines = new List<OfferLine>();
        for (var i = 0; i < forms.Count; i++)
        {
            var form = forms[i];
            var at = $"{path}[{i}]";
            if (form.RequestLine is not { } requestLine || requestLine < 0 || requestLine >= request.Details.Capabilities.Count)
            {
                errors.Add($"{at}.requestLine", FieldError.OutOfRange(0, request.Details.Capabilities.Count - 1));
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
                line.Add($"{at}.code", FieldError.NotInCatalogue(CatalogueVersions.Find(request.CatalogueVersion)?.Version ?? CatalogueVersions.Current.Version));
            }
            if (form.Quantity is not (>= 1 and <= RequestDetailsValidator.MaxQuantity))
            {
                line.Add($"{at}.quantity", FieldError.OutOfRange(1, RequestDetailsValidator.MaxQuantity));
            }
            if (form.EarliestArrival is not { } arrival)
            {
                line.Add($"{at}.earliestArrival", FieldError.Required);
            }
            else if (arrival < now.AddMinutes(-5))
            {
                line.Add($"{at}.earliestArrival", FieldError.InThePast);
            }
            else if (arrival > now.AddYears(1))
            {
                line.Add($"{at}.earliestArrival", FieldError.TooFarAhead((now.AddYears(1) - now).Days));
            }
            if (form.DurationDays is not (>= 1 and <= MaxDurationDays))
            {
                line.Add($"{at}.durationDays", FieldError.OutOfRange(1, MaxDurationDays));
            }
            if (form.SelfSufficient is null)
            {
                line.Add($"{at}.selfSufficient", FieldError.Required);
            }
            if (form.Conditions?.Length > RequestDetailsValidator.MaxNotes)
            {
                line.Add($"{at}.conditions", FieldError.TooLong(RequestDetailsValidator.MaxNotes));
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
        if (form.Amount is not { } amount || amount < 0 || amount > 1_000_000_000_000m)
        {
            errors.Add($"{path}.amount", FieldError.NotAnAmount);
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add($"{path}.amount", FieldError.TooPrecise(2));
        }
        if (form.Currency is null || !Currencies.IsIso4217(form.Currency))
        {
            errors.Add($"{path}.currency", FieldError.NotACurrency);
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
                errors.Add($"lines[{i}].offerLine", FieldError.OutOfRange(0, offer.Lines.Count - 1));
                continue;
            }
            if (acceptances.Any(a => a.OfferLine == line))
            {
                errors.Add($"lines[{i}].offerLine", FieldError.Duplicate);
                continue;
            }
            if (form.Quantity is not { } quantity || quantity < 0 || quantity > offer.Lines[line].Quantity)
            {
                errors.Add($"lines[{i}].quantity", FieldError.OutOfRange(0, offer.Lines[line].Quantity));
                continue;
            }
            acceptances.Add(new LineAcceptance(line, quantity));
        }
        return acceptances;
    }
}
