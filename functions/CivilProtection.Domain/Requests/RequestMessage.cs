namespace CivilProtection.Domain.Requests;

/// <summary>A message a transition must send once it is committed; it travels through the outbox.</summary>
/// <param name="Kind">What the message says, in the words of <see cref="RequestMessageKinds"/>.</param>
/// <param name="Version">The request version that produced it: with the request id it names the message uniquely.</param>
public sealed record RequestMessage(string Kind, string RequestId, int Version, int? StageIndex)
{
    /// <summary>A stable id, so a re-sent message is dropped by the queue's duplicate detection.</summary>
    public string MessageId => StageIndex is { } stage ? $"{RequestId}:{Version}:{Kind}:{stage}" : $"{RequestId}:{Version}:{Kind}";
}

/// <summary>The kinds of message a request's transitions send.</summary>
public static class RequestMessageKinds
{
    /// <summary>A stage opened (or re-opened after a resubmission): route it to its approvers.</summary>
    public const string StageOpened = "stage-opened";

    /// <summary>The request changed: keep the lists and inboxes current.</summary>
    public const string RequestChanged = "request-changed";

    /// <summary>A team must be paged: the approvers of a stage that opened, or the operations desk of an approved request.</summary>
    public const string NoticeRequested = "notice-requested";
}
