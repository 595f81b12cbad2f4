using CivilProtection.Infrastructure.Sms;
using CivilProtection.Testing;
using Twilio.Security;

namespace CivilProtection.Sms.Tests;

/// <summary>The signatures the sandbox and the fake make are the ones Twilio's own validator accepts.</summary>
public sealed class SignatureCompatibilityTests
{
    private const string Token = "12345678901234567890123456789012";
    private const string Url = "https://cp.example.org/api/sms/status?sms=AR-1%3An1";

    private static readonly Dictionary<string, string> Form = new()
    {
        ["To"] = "+33612345678", ["MessageSid"] = "SM1", ["MessageStatus"] = "delivered", ["Body"] = "Répondez OK 4821 & نعم",
    };

    [Fact]
    public void The_sandbox_signs_as_twilio_does()
    {
        var signature = TwilioSignature.Compute(Token, Url, Form);

        Assert.True(new RequestValidator(Token).Validate(Url, Form, signature));
        Assert.Equal(FakeTwilio.Sign(Token, Url, Form), signature);
    }

    [Fact]
    public void The_webhook_check_accepts_twilios_signature_and_nothing_else()
    {
        var signatures = new TwilioWebhookSignatures(Token);
        var signature = FakeTwilio.Sign(Token, Url, Form);

        Assert.True(signatures.IsValid(Url, Form, signature, null));
        Assert.False(signatures.IsValid(Url.Replace("AR-1", "AR-2", StringComparison.Ordinal), Form, signature, null));
        Assert.False(signatures.IsValid(Url, Form.Where(p => p.Key != "Body").ToDictionary(), signature, null));
        Assert.False(signatures.IsValid(Url, Form, null, null));
        Assert.False(signatures.IsValid(Url, Form, "", null));
        Assert.False(new TwilioWebhookSignatures(Token, sharedKeySecret: null).IsValid(Url, Form, signature, "key=k,algorithm=HMAC_SHA1"));
    }
}
