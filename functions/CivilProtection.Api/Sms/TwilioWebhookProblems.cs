using CivilProtection.Api.Http;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Sms;

/// <summary>The problems Twilio's webhooks (SMS and voice) answer with.</summary>
public static class TwilioWebhookProblems
{
    /// <summary>403: not signed by Twilio for this URL.</summary>
    public static ProblemHttpResult NotFromTwilio(HttpContext http) => ApiProblem.Of(http, 403, Refusal.Of(RefusalCode.NotSignedByTwilio));

    /// <summary>Each of <paramref name="names"/> the form lacks: for a 400 naming every missing field.</summary>
    public static FieldErrors Missing(IReadOnlyDictionary<string, string> form, params string[] names)
    {
        var missing = new FieldErrors();
        foreach (var name in names.Where(name => string.IsNullOrEmpty(form.GetValueOrDefault(name))))
        {
            missing.Add(name, FieldError.Required);
        }
        return missing;
    }
}
