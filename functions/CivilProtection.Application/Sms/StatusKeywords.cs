using CivilProtection.Domain.Deployments;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Reads a team leader's deployment status from an SMS in French, English or Arabic, however typed
/// (<c>DEPART</c>, <c>Parti</c>, <c>arrivé sur place</c>, <c>RETOUR</c>, <c>وصلنا</c>): the keyword, then whatever
/// follows as the report's comment.
/// </summary>
public static class StatusKeywords
{
    // Longest phrases first, so that "sur place" wins over a shorter word; every entry is already normalized
    // (lower case, accents and Arabic short vowels stripped), as ReplyGrammar.Normalize leaves the text.
    private static readonly (string Phrase, DeploymentStatus Status)[] Phrases =
    [
        .. Words(DeploymentStatus.Departed, "depart", "departs", "parti", "partis", "partie", "parties", "departed", "left", "leaving",
            "غادرنا", "انطلقنا", "مغادرة", "انطلاق"),
        .. Words(DeploymentStatus.ArrivedOnSite, "arrive sur place", "arrives sur place", "sur place", "arrive", "arrives", "arrivee", "arrivees",
            "arrived on site", "on site", "arrived", "وصلنا", "وصول"),
        .. Words(DeploymentStatus.Operating, "en operation", "operation", "operations", "operating", "working", "نعمل", "عمليات"),
        .. Words(DeploymentStatus.Demobilising, "demobilisation", "demob", "demobilising", "demobilizing", "انسحاب", "تسريح"),
        .. Words(DeploymentStatus.Returned, "retour", "rentre", "rentres", "returned", "home", "back home", "عدنا", "عودة"),
    ];

    /// <summary>The status a reply reports and its comment (null when nothing follows), or null when it reports none.</summary>
    public static StatusKeyword? Parse(string? body)
    {
        var text = ReplyGrammar.Normalize(body);
        foreach (var (phrase, status) in Phrases.OrderByDescending(p => p.Phrase.Length))
        {
            if (text == phrase)
            {
                return new StatusKeyword(status, null);
            }
            if (text.StartsWith(phrase + " ", StringComparison.Ordinal))
            {
                return new StatusKeyword(status, text[(phrase.Length + 1)..]);
            }
        }
        return null;
    }

    private static IEnumerable<(string, DeploymentStatus)> Words(DeploymentStatus status, params string[] words) => words.Select(w => (w, status));
}

/// <summary>A deployment status read from an SMS, with the rest of the message as comment.</summary>
public sealed record StatusKeyword(DeploymentStatus Status, string? Comment);
