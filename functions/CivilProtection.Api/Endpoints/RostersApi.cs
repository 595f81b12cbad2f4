using CivilProtection.Api.Description;
using System.Text;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NodaTime.Text;

namespace CivilProtection.Api.Endpoints;

/// <summary>
/// People who are paged or dispatched, and the on-call rosters of the caller's authority: read who is on call
/// (everyone signed in), manage people and shifts (coordinators and admins), and load both from CSV files.
/// </summary>
public static class RostersApi
{
    /// <summary>A CSV upload holds at most this much; a bigger first load is split into several files.</summary>
    public const int MaxCsvBytes = 256 * 1024;

    /// <summary>The routes, the same as the Functions app's <c>RosterFunctions</c>.</summary>
    public static IEndpointRouteBuilder MapRostersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/people", ListPeople);
        api.MapPost("/people/import", ImportPeople);
        api.MapPut("/people/{personId}", SavePerson);
        api.MapGet("/rosters", ListRosters);
        api.MapGet("/rosters/{team}", GetRoster);
        api.MapPut("/rosters/{team}", ReplaceShifts);
        api.MapGet("/rosters/{team}/on-call", OnCall);
        api.MapPost("/rosters/{team}/import", ImportShifts);
        return app;
    }

    /// <summary><c>GET /api/people</c>: the people of the caller's authority (coordinators and admins), with whether each opted out of SMS.</summary>
    public static Task<Results<Ok<IReadOnlyList<PersonView>>, ProblemHttpResult>> ListPeople(
        HttpContext http, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await rosters.ListPeopleAsync(caller, cancellationToken)), cancellationToken);

    /// <summary><c>PUT /api/people/{personId}</c>: creates or replaces a person (coordinators and admins).</summary>
    [ReadsBody(typeof(PersonForm))]
    public static Task<Results<Ok<Person>, ProblemHttpResult>> SavePerson(
        HttpContext http, string personId, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<PersonForm>(http.Request, cancellationToken);
            return TypedResults.Ok(await rosters.SavePersonAsync(caller, personId, form, cancellationToken));
        }, cancellationToken);

    /// <summary><c>POST /api/people/import</c> with a <c>text/csv</c> body: all lines stored, or none.</summary>
    [ReadsBody(typeof(string), "text/csv")]
    public static Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportPeople(
        HttpContext http, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            RosterAccess.RequireManager(caller);
            var csv = await CsvBody.ReadAsync(http.Request, cancellationToken);
            return TypedResults.Ok(await rosters.ImportPeopleAsync(caller, csv, cancellationToken));
        }, cancellationToken);

    /// <summary><c>GET /api/rosters</c>: every team's roster of the caller's authority, with who is on call now.</summary>
    public static Task<Results<Ok<IReadOnlyList<RosterView>>, ProblemHttpResult>> ListRosters(
        HttpContext http, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await rosters.ListRostersAsync(caller, cancellationToken)), cancellationToken);

    /// <summary><c>GET /api/rosters/{team}</c>: one roster with <c>onCallNow</c>; its version also as <c>ETag</c>.</summary>
    public static Task<Results<Ok<RosterView>, ProblemHttpResult>> GetRoster(
        HttpContext http, string team, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => Versioned(http, await rosters.GetRosterAsync(caller, team, cancellationToken)), cancellationToken);

    /// <summary>
    /// <c>PUT /api/rosters/{team}</c>: replaces every shift (coordinators and admins). The version read (body
    /// <c>version</c> or <c>If-Match</c>) guards it: a roster changed since is refused with 409.
    /// </summary>
    [ReadsBody(typeof(RosterForm))]
    public static Task<Results<Ok<RosterView>, ProblemHttpResult>> ReplaceShifts(
        HttpContext http, string team, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<RosterForm>(http.Request, cancellationToken);
            form.Version ??= IfMatch.VersionOf(http.Request);
            return Versioned(http, await rosters.ReplaceShiftsAsync(caller, team, form, cancellationToken));
        }, cancellationToken);

    /// <summary><c>GET /api/rosters/{team}/on-call?at=2026-03-29T01:30:00Z</c>: who is on call then (now without <c>at</c>).</summary>
    public static Task<Results<Ok<OnCallView>, ProblemHttpResult>> OnCall(
        HttpContext http, string team, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            DateTimeOffset? at = null;
            if (http.Request.Query["at"].FirstOrDefault() is { } text)
            {
                at = ParseInstant(text) ?? throw new FormRejectedException("at", FieldError.NotAnInstant("2026-03-29T01:30:00Z"));
            }
            return TypedResults.Ok(await rosters.OnCallAsync(caller, team, at, cancellationToken));
        }, cancellationToken);

    /// <summary>
    /// <c>POST /api/rosters/{team}/import?mode=replace|append</c> with a <c>text/csv</c> body: the file's shifts
    /// replace the roster's (or are added to them); all lines stored, or none.
    /// </summary>
    [ReadsBody(typeof(string), "text/csv")]
    public static Task<Results<Ok<RosterView>, ProblemHttpResult>> ImportShifts(
        HttpContext http, string team, Callers callers, RosterAdministration rosters, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            RosterAccess.RequireManager(caller);
            var mode = http.Request.Query["mode"].FirstOrDefault() ?? "replace";
            if (mode is not ("replace" or "append"))
            {
                throw new FormRejectedException("mode", FieldError.NotOneOf(["replace", "append"]));
            }
            var csv = await CsvBody.ReadAsync(http.Request, cancellationToken);
            return Versioned(http, await rosters.ImportShiftsAsync(caller, team, csv, mode == "append", cancellationToken));
        }, cancellationToken);

    private static Ok<RosterView> Versioned(HttpContext http, RosterView view)
    {
        if (view.Version is { } version)
        {
            http.Response.Headers.ETag = version;
        }
        return TypedResults.Ok(view);
    }

    private static DateTimeOffset? ParseInstant(string text)
    {
        foreach (var pattern in new[] { OffsetDateTimePattern.ExtendedIso, OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>") })
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                return parsed.Value.ToDateTimeOffset();
            }
        }
        return null;
    }

    /// <summary>
    /// Reads a CSV upload with the checks a state-changing body needs: <c>Content-Type: text/csv</c> (not one a
    /// cross-site form can send without a preflight, as for JSON), UTF-8, at most <see cref="MaxCsvBytes"/>.
    /// </summary>
    private static class CsvBody
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            if (!IsCsv(request.ContentType))
            {
                throw new BodyRejectedException(415, Refusal.Of(RefusalCode.NotCsv));
            }
            if (request.ContentLength > MaxCsvBytes)
            {
                throw TooLarge();
            }
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxCsvBytes)
                {
                    throw TooLarge();
                }
                buffer.Write(chunk, 0, read);
            }
            try
            {
                return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
            catch (DecoderFallbackException)
            {
                throw new BodyRejectedException(400, Refusal.Of(RefusalCode.NotUtf8));
            }
        }

        private static bool IsCsv(string? contentType)
        {
            if (contentType is null)
            {
                return false;
            }
            var parts = contentType.Split(';', StringSplitOptions.TrimEntries);
            return parts[0].Equals("text/csv", StringComparison.OrdinalIgnoreCase)
                && parts.Skip(1).All(p => !p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase)
                    || p.Equals("charset=utf-8", StringComparison.OrdinalIgnoreCase) || p.Equals("charset=\"utf-8\"", StringComparison.OrdinalIgnoreCase));
        }

        private static BodyRejectedException TooLarge() => new(413, Refusal.Of(RefusalCode.BodyTooLarge, ("kib", MaxCsvBytes / 1024)));
    }
}
