using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Indexes;
using CivilProtection.Domain.Requests;
using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Requests;

/// <summary>A list's query as the caller sent it (each value as text, unchecked): filters, page size, continuation.</summary>
public sealed record RequestListForm(
    IReadOnlyList<string> Statuses,
    string? Urgency = null,
    string? IncidentType = null,
    string? Party = null,
    string? FiledFrom = null,
    string? FiledBefore = null,
    string? Reference = null,
    string? PageSize = null,
    string? Continuation = null);

/// <summary>A checked list query: the filter, the page size and where the page starts.</summary>
public sealed record RequestListQuery(RequestListFilter Filter, int PageSize, string? After);

/// <summary>
/// Checks a list's query, naming each bad parameter, and keeps its continuation opaque: base64url of the position the
/// next page starts after and a digest of the authority and filter it belongs to, so a token is refused with other
/// filters, by another authority, or altered.
/// </summary>
public static class RequestListing
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;
    private const int MaxReferencePrefix = 20;
    private static readonly string[] TimesWithOffset =
        ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm'Z'"];

    public static async Task<RequestListQuery> CheckAsync(
        RequestListForm form, string authorityId, IDirectory directory, IRequestIndex index, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statuses = form.Statuses.SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var status in statuses.Where(s => !WireNames.TryParse<RequestStatus>(s, out _)))
        {
            errors.Add("status", FieldError.Unknown(status));
        }
        if (form.Urgency is { } urgency && !WireNames.TryParse<Urgency>(urgency, out _))
        {
            errors.Add("urgency", FieldError.NotOneOf(Enum.GetValues<Urgency>().Select(WireNames.Of)));
        }
        if (form.IncidentType is { } type && !Catalogue.IncidentTypes.Contains(type))
        {
            errors.Add("incidentType", FieldError.NotOneOf(Catalogue.IncidentTypes));
        }
        if (form.Party is { } party && (party.Length > 100 || await directory.FindAuthorityAsync(party, cancellationToken) is null))
        {
            errors.Add("party", FieldError.Unknown(party));
        }
        var from = Instant(form.FiledFrom, "filedFrom", errors);
        var before = Instant(form.FiledBefore, "filedBefore", errors);
        if (from is not null && before is not null && from >= before)
        {
            errors.Add("filedBefore", FieldError.MustFollow("filedFrom"));
        }
        var reference = form.Reference?.Trim().ToUpperInvariant();
        if (reference is not null && (reference.Length is 0 or > MaxReferencePrefix || !reference.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add("reference", FieldError.BadFormat("AR-2026"));
        }
        var pageSize = PageSize(form.PageSize, errors);
        var filter = new RequestListFilter(statuses, form.Urgency, form.IncidentType, form.Party, from, before, reference);
        var after = Position(form.Continuation, ListScope(authorityId, filter), index.IsListPosition, errors);
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        return new RequestListQuery(filter, pageSize, after);
    }

    /// <summary>The scope a list's continuation belongs to: the authority whose list it is and the filter.</summary>
    public static string ListScope(string authorityId, RequestListFilter filter) => $"list\n{authorityId}\n{filter.Canonical()}";

    /// <summary>The page size asked for (default 50), or an error naming <c>pageSize</c>.</summary>
    public static int PageSize(string? text, FieldErrors errors)
    {
        if (text is null)
        {
            return DefaultPageSize;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", FieldError.OutOfRange(1, MaxPageSize));
        }
        return size;
    }

    /// <summary>The position a continuation carries, when it was given for this scope and has the shape of one; else an error naming <c>continuation</c>.</summary>
    public static string? Position(string? token, string scope, Func<string, bool> isPosition, FieldErrors errors)
    {
        if (token is null || errors.Any)
        {
            return null;
        }
        var after = Decode(token, Digest(scope));
        if (after is null || !isPosition(after))
        {
            errors.Add("continuation", FieldError.StaleContinuation);
        }
        return after;
    }

    /// <summary>The continuation that carries on after <paramref name="after"/> in the same list (<paramref name="scope"/>).</summary>
    public static string Encode(string after, string scope) =>
        Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Cursor(after, Digest(scope))));

    private static string? Decode(string token, string digest)
    {
        try
        {
            var position = JsonSerializer.Deserialize<Cursor>(FromBase64Url(token));
            return position is { A: { } after, F: { } f } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(f), Encoding.ASCII.GetBytes(digest)) ? after : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string Digest(string scope) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)))[..32];

    private static DateTimeOffset? Instant(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
        {
            return day;
        }
        if (DateTimeOffset.TryParseExact(value, TimesWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        errors.Add(field, FieldError.NotAnInstant("2026-12-01T10:00:00Z"));
        return null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    private sealed record Cursor(string? A, string? F);
}
