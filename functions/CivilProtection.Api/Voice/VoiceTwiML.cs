using System.Xml.Linq;
using CivilProtection.Api.Sms;
using CivilProtection.Application.Voice;

namespace CivilProtection.Api.Voice;

/// <summary>
/// The TwiML of a notice's call: the prompt read twice inside a one-key <c>&lt;Gather&gt;</c> posting to the call's
/// gather URL, then what to say if no key came; or a text and the end of the call.
/// </summary>
public static class VoiceTwiML
{
    /// <summary>How long Twilio waits for a key after the prompt was read.</summary>
    public const int KeyTimeoutSeconds = 8;

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    public static string For(CallPrompt? prompt, Uri gatherUrl)
    {
        ArgumentNullException.ThrowIfNull(gatherUrl);
        var response = new XElement("Response");
        if (prompt is null)
        {
            response.Add(new XElement("Hangup"));
        }
        else if (prompt.AwaitsKey)
        {
            response.Add(new XElement("Gather",
                new XAttribute("input", "dtmf"), new XAttribute("numDigits", 1), new XAttribute("timeout", KeyTimeoutSeconds),
                new XAttribute("action", gatherUrl.AbsoluteUri), new XAttribute("method", "POST"),
                Say(prompt.Language, prompt.Text, loop: 2)));
            if (prompt.NoKey is { } noKey)
            {
                response.Add(Say(prompt.Language, noKey));
            }
            response.Add(new XElement("Hangup"));
        }
        else
        {
            response.Add(Say(prompt.Language, prompt.Text), new XElement("Hangup"));
        }
        return Declaration + response.ToString(SaveOptions.DisableFormatting);
    }

    // Amazon Polly voices through Twilio: Twilio's basic voices speak no Arabic.
    private static XElement Say(string language, string text, int loop = 1)
    {
        var (tag, voice) = language switch
        {
            "en" => ("en-GB", "Polly.Amy"),
            "ar" => ("arb", "Polly.Zeina"),
            _ => ("fr-FR", "Polly.Lea"),
        };
        var say = new XElement("Say", new XAttribute("voice", voice), new XAttribute("language", tag), TwiMLText.Clean(text));
        if (loop != 1)
        {
            say.Add(new XAttribute("loop", loop));
        }
        return say;
    }
}
