using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Notices;

namespace CivilProtection.Application.Voice;

/// <summary>
/// The app's side of a notice's voice call, once Twilio has placed it: what to say when it is answered (the notice's
/// prompt, or that it is closed already), what pressing 1 does (acknowledges, once per call however often Twilio
/// posts it), and the call's progress on the request's timeline.
/// </summary>
public sealed class NoticeCalls(IRequestStore store, IPeople people, NoticeDesk notices, SmsDeliveries deliveries)
{
    /// <summary>The key that acknowledges, as the prompt says.</summary>
    public const string AcknowledgeKey = "1";

    /// <summary>What the call says now; null when there is no such call (hang up).</summary>
    public async Task<CallPrompt?> PromptAsync(string callId, CancellationToken cancellationToken)
    {
        if (await FindAsync(callId, cancellationToken) is not { } call)
        {
            return null;
        }
        var language = CallScripts.LanguageFor((await people.FindAsync(call.PersonId, cancellationToken))?.Language);
        if (call.Purpose == SmsPurpose.AdminCall)
        {
            return new CallPrompt(language, call.Body, AwaitsKey: false, null);
        }
        var notice = await NoticeOfAsync(call, cancellationToken);
        return notice is { Status: NoticeStatus.Open }
            ? new CallPrompt(language, call.Body, AwaitsKey: true, CallScripts.NoAcknowledgement(language))
            : new CallPrompt(language, CallScripts.NoLongerNeeded(language, await AcknowledgedByAsync(notice, cancellationToken)), AwaitsKey: false, null);
    }

    /// <summary>
    /// A key was pressed during the call <paramref name="providerCallId"/>: 1 acknowledges the notice (recorded with
    /// the call's id, so a repeat answers alike and changes nothing); another key hears the prompt again.
    /// </summary>
    public async Task<CallPrompt?> PressedAsync(string callId, string providerCallId, string digits, CancellationToken cancellationToken)
    {
        if (await FindAsync(callId, cancellationToken) is not { } call || call.NoticeId is null)
        {
            return null;
        }
        if (digits != AcknowledgeKey)
        {
            return await PromptAsync(callId, cancellationToken);
        }
        var person = await people.FindAsync(call.PersonId, cancellationToken);
        var language = CallScripts.LanguageFor(person?.Language);
        var applied = person is null ? null : await notices.AcknowledgeByReplyAsync(person, call.RequestId, call.NoticeId, providerCallId, NoticeChannels.Voice, cancellationToken);
        if (applied is not null)
        {
            return new CallPrompt(language, CallScripts.Acknowledged(language, applied.Reference), AwaitsKey: false, null);
        }
        var notice = await NoticeOfAsync(call, cancellationToken);
        return new CallPrompt(language, CallScripts.NoLongerNeeded(language, await AcknowledgedByAsync(notice, cancellationToken)), AwaitsKey: false, null);
    }

    /// <summary>Twilio's report of the call's progress (queued, ringing, in-progress, completed, busy, no-answer…).</summary>
    public Task RecordStatusAsync(string callId, string providerCallId, string status, int? errorCode, CancellationToken cancellationToken) =>
        deliveries.RecordAsync(new SmsStatusReport(callId, providerCallId, status, errorCode), cancellationToken);

    private async Task<SmsRecord?> FindAsync(string callId, CancellationToken cancellationToken) =>
        SmsRecord.RequestIdOf(callId) is not null && await store.FindSmsAsync(callId, cancellationToken) is { Value: var call } && call.Purpose.IsCall()
            ? call
            : null;

    private async Task<NoticeState?> NoticeOfAsync(SmsRecord call, CancellationToken cancellationToken) =>
        call.NoticeId is { } id ? (await store.FindNoticeAsync(call.RequestId, id, cancellationToken))?.Value : null;

    private async Task<string?> AcknowledgedByAsync(NoticeState? notice, CancellationToken cancellationToken) =>
        notice?.AcknowledgedBy is { } personId ? (await people.FindAsync(personId, cancellationToken))?.Name ?? personId : null;
}

/// <summary>
/// What a call says: the text in <paramref name="Language"/> (fr, en, ar); with <paramref name="AwaitsKey"/>, it waits
/// for a key and says <paramref name="NoKey"/> when none comes; otherwise it hangs up after the text.
/// </summary>
public sealed record CallPrompt(string Language, string Text, bool AwaitsKey, string? NoKey);
