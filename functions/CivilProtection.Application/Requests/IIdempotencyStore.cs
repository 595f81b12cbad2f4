namespace CivilProtection.Application.Requests;

/// <summary>Remembers which request an <c>Idempotency-Key</c> created, so a retried submission returns the first result.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="candidateRequestId"/>, or returns the claim made earlier
    /// (which may name another request, or another body fingerprint).
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string userId, string key, string bodyFingerprint, string candidateRequestId, CancellationToken cancellationToken);
}

/// <summary>Who holds an idempotency key: the request it created and the fingerprint of the body that created it.</summary>
public sealed record IdempotencyClaim(string RequestId, string BodyFingerprint, bool IsNew);
