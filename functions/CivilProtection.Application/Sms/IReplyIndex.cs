namespace CivilProtection.Application.Sms;

/// <summary>
/// What an SMS from a number may answer: the acknowledgement codes of notices sent to it, and the dispatch offers
/// made to it. Written when the SMS is handed to the provider, so a fast reply already finds it.
/// </summary>
public interface IReplyIndex
{
    Task RememberCodeAsync(string mobile, string code, string requestId, string noticeId, CancellationToken cancellationToken);

    /// <summary>The notices a code sent to this number belongs to (codes are short, so several are possible), newest first.</summary>
    Task<IReadOnlyList<AwaitedReply>> FindCodeAsync(string mobile, string code, CancellationToken cancellationToken);

    Task RememberOfferAsync(string mobile, string requestId, string personId, CancellationToken cancellationToken);

    /// <summary>The dispatch offers made to this number that are still open, newest first.</summary>
    Task<IReadOnlyList<AwaitedReply>> ListOffersAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>The requests the number was made a dispatch offer for, open or accepted, newest first: where it may report a mission's status.</summary>
    Task<IReadOnlyList<AwaitedReply>> ListMissionsAsync(string mobile, CancellationToken cancellationToken);

    /// <summary>Marks an offer answered (accepted keeps the person busy until the request closes) or forgets it.</summary>
    Task SetOfferAsync(string mobile, string requestId, string? status, CancellationToken cancellationToken);

    /// <summary>True when the number has an open or accepted offer: the person is not available for another dispatch.</summary>
    Task<bool> IsCommittedAsync(string mobile, CancellationToken cancellationToken);
}

/// <summary>A reply a number may send: for a notice (its id) or a dispatch offer (the person), when it was remembered.</summary>
public sealed record AwaitedReply(string RequestId, string? NoticeId, string? PersonId, string? Status, DateTimeOffset At);
