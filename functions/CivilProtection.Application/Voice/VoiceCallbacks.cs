using CivilProtection.Application.Sms;

namespace CivilProtection.Application.Voice;

/// <summary>
/// The URLs Twilio calls about a voice call, each carrying our own id of the call (<c>?call=…</c>, the id of its
/// <see cref="SmsRecord"/>): what to say when it is answered, the key pressed, and the call's progress.
/// </summary>
public static class VoiceCallbacks
{
    public const string PromptPath = "/api/voice/prompt";
    public const string GatherPath = "/api/voice/gather";
    public const string StatusPath = "/api/voice/status";

    /// <summary>The query-string parameter that carries our id of the call.</summary>
    public const string CallIdParameter = "call";

    public static Uri PromptFor(Uri publicBaseUrl, string callId) => For(publicBaseUrl, PromptPath, callId);

    public static Uri GatherFor(Uri publicBaseUrl, string callId) => For(publicBaseUrl, GatherPath, callId);

    public static Uri StatusFor(Uri publicBaseUrl, string callId) => For(publicBaseUrl, StatusPath, callId);

    private static Uri For(Uri publicBaseUrl, string path, string callId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        return new Uri(SmsCallbacks.Join(publicBaseUrl, $"{path}?{CallIdParameter}={Uri.EscapeDataString(callId)}"));
    }
}
