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
        var clean = text is null ? "" : TwiMLText.Clean(text);
        if (clean.Length > 0)
        {
            response.Add(new XElement("Message", clean));
        }
        return Declaration + response.ToString(SaveOptions.DisableFormatting);
    }
}
