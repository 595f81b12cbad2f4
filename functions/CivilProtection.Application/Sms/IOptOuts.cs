namespace CivilProtection.Application.Sms;

/// <summary>
/// Who has told us, or Twilio, to stop sending them SMS: per number, as Twilio's Advanced Opt-Out keeps it. A number
/// opted out is never paged nor offered a dispatch by SMS until it opts in again (START).
/// </summary>
public interface IOptOuts
{
    /// <summary>Applies a change once: a change with the same <see cref="OptOutChange.Key"/> seen before changes nothing, and an older change never undoes a newer one.</summary>
    /// <returns>False when it changed nothing (a repeat, or older than what is recorded).</returns>
    Task<bool> RecordAsync(OptOutChange change, CancellationToken cancellationToken);

    /// <summary>The numbers among <paramref name="mobiles"/> that are opted out now, each with when it opted out.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> OptedOutAsync(IReadOnlyCollection<string> mobiles, CancellationToken cancellationToken);

    /// <summary>A number's opt-outs and opt-ins, newest first.</summary>
    Task<IReadOnlyList<OptOutChange>> HistoryAsync(string mobile, CancellationToken cancellationToken);
}

/// <summary>
/// One opt-out (<paramref name="OptedOut"/> true) or opt-in of a number. <paramref name="Key"/> makes it idempotent:
/// the inbound message's sid, or the refused SMS's id. <paramref name="Source"/> says how it came (a <see cref="OptOutSources"/> value).
/// </summary>
public sealed record OptOutChange(string Mobile, bool OptedOut, DateTimeOffset At, string Source, string Key);

/// <summary>How an opt-out or opt-in reached us.</summary>
public static class OptOutSources
{
    /// <summary>The person replied STOP (or ARRET, توقف…), marked by Twilio or recognised by us.</summary>
    public const string StopReply = "stop-reply";

    /// <summary>The person replied START.</summary>
    public const string StartReply = "start-reply";

    /// <summary>Twilio refused a send with 21610: the number had opted out with Twilio.</summary>
    public const string ProviderRefusal = "provider-refusal";
}
