using CivilProtection.Api.Identity;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Operations;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>What the pages need to draw themselves: who I am, the authorities, the catalogue, and a health probe.</summary>
public static class ReferenceApi
{
    /// <summary><c>GET /api/me</c>.</summary>
    public static Task<Results<Ok<Caller>, ProblemHttpResult>> Me(HttpContext http, Callers callers, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, caller => Task.FromResult(TypedResults.Ok(caller)), cancellationToken);

    /// <summary><c>GET /api/authorities</c>.</summary>
    public static Task<Results<Ok<IReadOnlyList<Authority>>, ProblemHttpResult>> Authorities(
        HttpContext http, Callers callers, IDirectory directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async _ => TypedResults.Ok(await directory.ListAuthoritiesAsync(cancellationToken)), cancellationToken);

    /// <summary>
    /// <c>GET /api/catalogue</c>: the current catalogue version (<c>?version=</c> for an older one, 404 for an unknown one) with
    /// each type's names in fr/en/ar, unit and example composition, and the form's incident types, urgencies and languages.
    /// </summary>
    public static Task<Results<Ok<CatalogueView>, ProblemHttpResult>> Catalogue(HttpContext http, Callers callers, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, _ =>
        {
            var asked = http.Request.Query["version"].FirstOrDefault();
            var catalogue = asked is null ? CatalogueVersions.Current : CatalogueVersions.Find(asked)
                ?? throw new NotFoundException($"There is no catalogue version {asked}; the versions are {string.Join(", ", CatalogueVersions.All.Select(c => c.Version))}.");
            return Task.FromResult(TypedResults.Ok(CatalogueView.Of(catalogue)));
        }, cancellationToken);

    /// <summary>
    /// <c>GET /api/health</c>: open to probes; says that the app answers, and <c>degraded</c> while dead letters wait for an
    /// admin or the SMS provider refuses our account. Always 200: restarting an instance would settle neither. Both
    /// are the background watches' (or this instance's last send's), so the probe touches no storage and no queue.
    /// </summary>
    public static Ok<HealthView> Health(DeadLetterWatch deadLetters, SmsProviderHealth sms) => TypedResults.Ok(HealthView.Of(deadLetters.Latest, sms.Latest));
}

/// <summary>
/// The catalogue as the form needs it. <c>capabilities</c> keeps the legacy codes the pages file with until they read
/// <c>entries</c> (a filing with only legacy codes is stored with version <c>legacy-1</c>); <c>entries</c> is the version asked for.
/// </summary>
public sealed record CatalogueView(
    IReadOnlyList<string> IncidentTypes, IReadOnlyList<string> Capabilities, IReadOnlyList<string> Urgencies, IReadOnlyList<string> Languages,
    string Version, string Source, IReadOnlyList<string> Versions, IReadOnlyList<string> Units,
    IReadOnlyDictionary<string, CatalogueNames> Roles, IReadOnlyList<CatalogueEntry> Entries)
{
    public static CatalogueView Of(CapabilityCatalogue catalogue) => new(
        Domain.Requests.Catalogue.IncidentTypes,
        Domain.Requests.Catalogue.Capabilities,
        Enum.GetValues<Urgency>().Select(WireNames.Of).ToList(),
        Domain.Requests.Catalogue.Languages,
        catalogue.Version, catalogue.Source, CatalogueVersions.All.Select(c => c.Version).ToList(), CatalogueUnits.All, catalogue.Roles, catalogue.Entries);
}

/// <summary>
/// The health probe's answer: <see cref="HealthStatuses"/>, how many dead letters were last counted, whether the SMS
/// provider takes our SMS (<c>sms</c>: ok or degraded, with Twilio's error code and since when), and the tzdb release
/// every local time is computed with (so an operator sees at once whether a deployment has the latest zone rules).
/// </summary>
public sealed record HealthView(string Status, int DeadLetters, string Sms, int? SmsErrorCode, DateTimeOffset? SmsDegradedSince, string TimeZoneData)
{
    public static HealthView Of(DeadLetterCount count, SmsProviderIncident? sms) =>
        new(count.Total > 0 || sms is not null ? HealthStatuses.Degraded : HealthStatuses.Ok, count.Total,
            sms is null ? HealthStatuses.Ok : HealthStatuses.Degraded, sms?.ErrorCode, sms?.Since, Domain.Authorities.TimeZoneData.Version);
}

/// <summary>What the health probe says.</summary>
public static class HealthStatuses
{
    /// <summary>The app answers and no dead letter waits.</summary>
    public const string Ok = "ok";

    /// <summary>The app answers, but messages failed for good and wait for an admin on the dead-letters page, or the SMS provider refuses our account.</summary>
    public const string Degraded = "degraded";
}
