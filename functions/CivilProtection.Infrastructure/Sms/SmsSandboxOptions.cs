namespace CivilProtection.Infrastructure.Sms;

/// <summary>The settings under <c>CivilProtection:SmsSandbox</c> (Development only).</summary>
public sealed class SmsSandboxOptions
{
    public const string SectionName = "CivilProtection:SmsSandbox";

    /// <summary>How long after sending the sandbox reports the SMS <c>delivered</c>, as Twilio would a moment later.</summary>
    public TimeSpan DeliveryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The number the sandbox's SMS come from and replies go to (Twilio's test "from" number by default).</summary>
    public string Number { get; set; } = "+15005550006";
}
