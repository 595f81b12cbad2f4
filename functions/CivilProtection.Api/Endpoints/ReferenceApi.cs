using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Operations;
using CivilProtection.Application.Situation;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CivilProtection.Api.Endpoints;

/// <summary>What the pages need to draw themselves: who I am, the authorities, and a health probe (the catalogue is <see cref="CatalogueApi"/>).</summary>
public static class ReferenceApi
{
    /// <summary><c>GET /api/me</c>.</summary>
    public static Task<Results<Ok<MeView>, ProblemHttpResult>> Me(
        HttpContext http, Callers callers, ProfileLanguages languages, IOptions<MapOptions> map, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(MeView.Of(caller, map.Value, await languages.OfAsync(caller, cancellationToken))), cancellationToken);

    /// <summary><c>PUT /api/me/language</c>: the signed-in person sets the language of their own SMS and pages.</summary>
    [ReadsBody(typeof(LanguageForm))]
    public static Task<Results<Ok<ProfileLanguageView>, ProblemHttpResult>> ChangeMyLanguage(
        HttpContext http, Callers callers, ProfileLanguages languages, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<LanguageForm>(http.Request, cancellationToken);
            return TypedResults.Ok(new ProfileLanguageView(await languages.ChangeAsync(caller, form, cancellationToken)));
        }, cancellationToken);

    /// <summary><c>GET /api/authorities</c>.</summary>
    public static Task<Results<Ok<IReadOnlyList<Authority>>, ProblemHttpResult>> Authorities(
        HttpContext http, Callers callers, IDirectory directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async _ => TypedResults.Ok(await directory.ListAuthoritiesAsync(cancellationToken)), cancellationToken);

    /// <summary>
    /// <c>GET /api/health</c>: open to probes; says that the app answers, and <c>degraded</c> while dead letters wait for an
    /// admin or the SMS provider refuses our account. Always 200: restarting an instance would settle neither. Both
    /// are the background watches' (or this instance's last send's), so the probe touches no storage and no queue.
    /// </summary>
    public static Ok<HealthView> Health(DeadLetterWatch deadLetters, SmsProviderHealth sms) => TypedResults.Ok(HealthView.Of(deadLetters.Latest, sms.Latest));
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
