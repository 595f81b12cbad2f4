namespace CivilProtection.Testing;

/// <summary>
/// Twilio's Advanced Opt-Out keywords as a Messaging Service has them by default (YES removed from the opt-in words,
/// as docs/sms.md tells operators to do, since YES accepts a dispatch): the whole message, in any case, is the keyword.
/// </summary>
public static class AdvancedOptOut
{
    public const string Stop = "STOP";
    public const string Start = "START";
    public const string Help = "HELP";

    private static readonly Dictionary<string, string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = Stop, ["STOPALL"] = Stop, ["UNSUBSCRIBE"] = Stop, ["CANCEL"] = Stop, ["END"] = Stop, ["QUIT"] = Stop,
        ["START"] = Start, ["UNSTOP"] = Start,
        ["HELP"] = Help, ["INFO"] = Help,
    };

    /// <summary>The <c>OptOutType</c> Twilio adds for this body, or null.</summary>
    public static string? TypeOf(string body) => Keywords.GetValueOrDefault(body.Trim());
}
