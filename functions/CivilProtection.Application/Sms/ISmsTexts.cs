namespace CivilProtection.Application.Sms;

/// <summary>The texts the workflow sends, in the recipient's language, kept within the configured number of segments.</summary>
public interface ISmsTexts
{
    /// <summary>"Act on this": a stage waits for its approvers, or an approved request for the assisting operations desk.</summary>
    string Notice(string language, NoticeText model);

    /// <summary>Nobody on call acknowledged: the authority's admins are told.</summary>
    string AdminAlert(string language, NoticeText model);

    /// <summary>Confirms an acknowledgement to whoever sent it.</summary>
    string Acknowledged(string language, string reference);

    /// <summary>Asks a responder to join a mission, and how to answer.</summary>
    string DispatchOffer(string language, DispatchOfferText model);

    /// <summary>Confirms a responder's answer.</summary>
    string DispatchAnswered(string language, string reference, bool accepted);

    /// <summary>Tells an admin the provider refuses our account or sender since <paramref name="since"/> (in <paramref name="timeZone"/>).</summary>
    string ProviderAlert(string language, int errorCode, DateTimeOffset since, string timeZone);

    /// <summary>Confirms a deployment status reported by SMS (<paramref name="status"/>: its wire name).</summary>
    string StatusRecorded(string language, string reference, string status);

    /// <summary>Answers a status report that cannot follow the deployment's <paramref name="current"/> status (null: a departure without its arrival).</summary>
    string StatusRefused(string language, string reference, string? current);

    /// <summary>The reply to a message that says nothing the system understands.</summary>
    string NotUnderstood(string language);

    /// <summary>Tells a party of the exchange what another did; null for an action nobody is told of by SMS.</summary>
    string? PartyInformed(string language, PartyInformedText model);
}

/// <summary>What a notice says.</summary>
public sealed record NoticeText(
    Domain.Notices.NoticeKind Kind, string Reference, string Urgency, string RequestingAuthority, string Summary, DateTimeOffset? Deadline, string TimeZone, Uri Link, string Code);

/// <summary>What a dispatch offer says.</summary>
/// <param name="Role">The role of the module's team the responder is asked to hold; null where none applies.</param>
public sealed record DispatchOfferText(string Reference, string Capability, string Place, string MeetingPoint, DateTimeOffset ReportAt, string TimeZone, string? Role = null);

/// <summary>What a party of the exchange is told: <paramref name="Action"/> (a timeline action), by <paramref name="OtherParty"/>.</summary>
public sealed record PartyInformedText(string Reference, string Action, string OtherParty, string? LineCode, Uri Link);
