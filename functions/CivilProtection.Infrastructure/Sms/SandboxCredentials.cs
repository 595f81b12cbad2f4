namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The sandbox's own account: made up at every start, so nothing real is ever needed or stored. The webhooks check
/// signatures with this auth token in sandbox mode, exactly as they check Twilio's with the real one.
/// </summary>
public sealed class SandboxCredentials
{
    public string AccountSid { get; } = TwilioSids.New("AC");

    public string AuthToken { get; } = TwilioSids.New("")[..32];
}
