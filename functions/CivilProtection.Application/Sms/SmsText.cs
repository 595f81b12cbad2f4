namespace CivilProtection.Application.Sms;

/// <summary>A rendered SMS: its text, what it costs, whether the summary was shortened, and whether it fits the limit.</summary>
/// <param name="WithinLimit">False when even without a summary the text needs more segments than allowed; it is sent anyway.</param>
public sealed record SmsText(string Body, SmsSegmentCount Count, bool SummaryShortened, bool WithinLimit);

/// <summary>How long an SMS may be. Bound from <c>CivilProtection:Twilio:MaxSegments</c>.</summary>
public sealed class SmsTextOptions
{
    /// <summary>
    /// Three by default: two GSM-7 segments (306 characters) hold a French or English notice with its link, but an
    /// Arabic one is UCS-2, where two segments are only 134 characters and the link alone takes half of that.
    /// </summary>
    public const int DefaultMaxSegments = 3;

    public int MaxSegments { get; set; } = DefaultMaxSegments;
}
