using System.Text;
using System.Xml;

namespace CivilProtection.Api.Sms;

/// <summary>Text made fit for TwiML: an SMS's <c>&lt;Message&gt;</c>, a call's <c>&lt;Say&gt;</c>.</summary>
public static class TwiMLText
{
    // XML cannot carry most control characters even escaped; an SMS has no use for them.
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }
        return builder.ToString();
    }
}
