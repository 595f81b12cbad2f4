using Twilio.Exceptions;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>What a failed call to Twilio means for sending.</summary>
internal enum TwilioFailureKind
{
    /// <summary>429, 5xx, no answer or a timeout: Twilio may accept it later; retried.</summary>
    Transient,

    /// <summary>Twilio refused this message for good (opted out, invalid number…): never retried.</summary>
    Rejected,

    /// <summary>
    /// Twilio refused our credentials, account or sender (401, 403, 404, or a 400 with an account or sender code such as
    /// 21606, 21408): a configuration fault, not the recipient's; not retried now, and the SMS stays to be sent later.
    /// </summary>
    Refused,
}

/// <summary>One failed call to Twilio, classified; carries Twilio's error code and HTTP status when it answered.</summary>
internal sealed class TwilioSendFailure(TwilioFailureKind kind, int? httpStatus, int errorCode, string message, Exception inner)
    : Exception(message, inner)
{
    public TwilioFailureKind Kind { get; } = kind;
    public int? HttpStatus { get; } = httpStatus;
    public int ErrorCode { get; } = errorCode;

    /// <summary>
    /// Classifies what the SDK threw, using the status the handler saw (the SDK loses it for an error without JSON).
    /// Null when Twilio answered with success and the SDK failed after: the message may well have gone out, so it
    /// must be neither retried nor reported as refused.
    /// </summary>
    public static TwilioSendFailure? From(Exception exception, int? httpStatus)
    {
        var status = httpStatus ?? (exception is ApiException { Status: > 0 } api ? api.Status : null);
        var code = exception is ApiException apiError ? apiError.Code : 0;
        TwilioFailureKind? kind = status switch
        {
            null or 429 or >= 500 => TwilioFailureKind.Transient,
            401 or 403 or 404 => TwilioFailureKind.Refused,
            // A 400 about the account or the sender (region not enabled, sender not allowed…) is not the person's refusal.
            >= 400 when TwilioErrorCodes.IsAccountOrSender(code) => TwilioFailureKind.Refused,
            >= 400 => TwilioFailureKind.Rejected,
            _ => null,
        };
        return kind is { } known ? new TwilioSendFailure(known, status, code, Describe(known, status, code), exception) : null;
    }

    // Twilio's own message may quote the number; ours names only the status and the code.
    private static string Describe(TwilioFailureKind kind, int? status, int code) =>
        status is null
            ? "Twilio did not answer (connection failure or timeout)."
            : $"Twilio answered {status}{(code != 0 ? $" with error {code} ({TwilioErrorCodes.Meaning(code)})" : "")}; {kind.ToString().ToLowerInvariant()}.";
}
