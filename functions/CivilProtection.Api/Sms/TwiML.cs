using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CivilProtection.Api.Sms;

/// <summary>The TwiML an inbound-SMS webhook answers with: one <c>&lt;Message&gt;</c> back to the sender, or nothing.</summary>
public static class TwiML
{
    public const string ContentType = "text/xml";

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary><c>&lt;Response&gt;&lt;Message&gt;text&lt;/Message&gt;&lt;/Response&gt;</c>, escaped; <c>&lt;Response/&gt;</c> without a text.</summary>
    public static string Reply(string? text)
    {
        var response = new XElement("Response");
        var clean = text is null ? "" : WithoutInvalidXmlCharacters(text);
        if (clean.Length > 0)
        {
            response.Add(new XElement("Message", clean));
        }
        return Declaration + response.ToString(SaveOptions.DisableFormatting);
    }

    // XML cannot carry most control characters even escaped; an SMS has no use for them.
    private static string WithoutInvalidXmlCharacters(string text)
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
