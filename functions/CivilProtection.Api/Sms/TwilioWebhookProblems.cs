using CivilProtection.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Sms;

/// <summary>The problems Twilio's webhooks (SMS and voice) answer with.</summary>
public static class TwilioWebhookProblems
{
    /// <summary>403: not signed by Twilio for this URL.</summary>
    public static ProblemHttpResult NotFromTwilio() =>
        ApiProblem.Of(403, "Not signed by Twilio.", "This webhook accepts only calls carrying a valid X-Twilio-Signature for this URL.");

    /// <summary>Each of <paramref name="names"/> the form lacks, with why: for a 400 naming every missing field.</summary>
    public static Dictionary<string, string[]> Missing(IReadOnlyDictionary<string, string> form, params string[] names) =>
        names.Where(name => string.IsNullOrEmpty(form.GetValueOrDefault(name)))
            .ToDictionary(name => name, name => new[] { $"Twilio's form field {name} is missing." });
}
