namespace CivilProtection.Application.Sms;

/// <summary>
/// One SMS the system sends, kept in its request's partition so it commits with the change that wanted it.
/// Its status guards "at most once": <c>pending</c> may be sent; <c>sending</c> means a send was attempted and its
/// outcome is unknown, so it is never attempted again.
/// </summary>
/// <param name="SmsId">Our id: the request id, a dash, and a name unique in the request (e.g. <c>…-stage0-v1-101</c>).</param>
/// <param name="Purpose">What it is for: a page, a call, an admin alert, a confirmation, a dispatch offer.</param>
public sealed record SmsRecord(
    string SmsId,
    string RequestId,
    string PersonId,
    string To,
    string Body,
    SmsPurpose Purpose,
    string? NoticeId,
    SmsStatus Status,
    string? ProviderMessageId,
    int? ErrorCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// For a dispatch offer on a request to partners, the authority whose dispatch asked (each partner dispatches its own
    /// responders); null otherwise, and in every row stored before.
    /// </summary>
    public string? DispatchAuthorityId { get; init; }

    public static string IdFor(string requestId, string local) => $"{requestId}-{local}";

    /// <summary>A new message to <paramref name="to"/>'s mobile, waiting to be sent (<paramref name="noticeId"/>: the notice it pages for).</summary>
    public static SmsRecord ToSend(string requestId, string local, Domain.Rosters.Person to, SmsPurpose purpose, string body, string? noticeId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(to);
        return new(IdFor(requestId, local), requestId, to.PersonId, to.Mobile, body, purpose, noticeId, SmsStatus.Pending, null, null, now, now);
    }

    /// <summary>How an SMS of this purpose is paced: dispatch offers after every page waiting to go.</summary>
    public static SmsPriority PriorityOf(SmsPurpose purpose) => purpose == SmsPurpose.DispatchOffer ? SmsPriority.Dispatch : SmsPriority.Paging;

    /// <summary>The request an SMS id belongs to (request ids are 32 hex characters), or null for a malformed id.</summary>
    public static string? RequestIdOf(string smsId) =>
        smsId.Length > 33 && smsId[32] == '-' && smsId[..32].All(char.IsAsciiHexDigitLower) ? smsId[..32] : null;
}
