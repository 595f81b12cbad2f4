using System.Security.Cryptography;
using System.Text;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Signs a webhook call as Twilio does (the sandbox's callbacks and replies): HMAC-SHA1, keyed with the auth token,
/// of the full URL followed by every form parameter's name and value, sorted by name (ordinal); Base64.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        // HMAC-SHA1 is what Twilio's auth-token signature is defined as; we must produce exactly it.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
