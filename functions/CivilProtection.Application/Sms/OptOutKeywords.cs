namespace CivilProtection.Application.Sms;

/// <summary>
/// Whether an inbound SMS opts its number out or in. Twilio's Advanced Opt-Out marks it (<c>OptOutType</c>: STOP,
/// START, HELP) and answers it itself; when it does not (a sender without Advanced Opt-Out, the sandbox), the words
/// people type in our languages count the same: STOP, ARRET/ARRÊT, توقف; START, UNSTOP.
/// </summary>
public static class OptOutKeywords
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET", "ARRÊT", "ARRETE", "ARRÊTE", "توقف", "إيقاف", "ايقاف",
    };

    private static readonly HashSet<string> Start = new(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP" };

    public static OptOutKind Classify(string? optOutType, string body)
    {
        switch (optOutType?.Trim().ToUpperInvariant())
        {
            case "STOP":
                return OptOutKind.Stop;
            case "START":
                return OptOutKind.Start;
            case "HELP":
                return OptOutKind.Help;
        }
        // The whole message is the keyword, as Twilio reads it: "stop" opts out, "stop the pump" does not.
        var word = body.Trim().TrimEnd('.', '!');
        return Stop.Contains(word) ? OptOutKind.Stop : Start.Contains(word) ? OptOutKind.Start : OptOutKind.None;
    }
}

/// <summary>What an inbound SMS says about its number's consent.</summary>
public enum OptOutKind
{
    None,
    Stop,
    Start,
    Help,
}
