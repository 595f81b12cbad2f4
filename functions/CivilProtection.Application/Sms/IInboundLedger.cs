namespace CivilProtection.Application.Sms;

/// <summary>
/// Every inbound SMS by its provider id (Twilio's <c>MessageSid</c>): claimed before it is applied, with the requests it
/// may apply to, and completed with what it did. A repeat of the message finds it here, whatever the sender's pending
/// offers and codes have become since.
/// </summary>
public interface IInboundLedger
{
    /// <summary>Stores <paramref name="claim"/> unless the message was claimed before; returns the claim as stored, <see cref="InboundClaim.Mine"/> when it is this one.</summary>
    Task<InboundClaim> ClaimAsync(InboundClaim claim, CancellationToken cancellationToken);

    Task<InboundClaim?> FindAsync(string from, string messageSid, CancellationToken cancellationToken);

    /// <summary>Claims again, as of <paramref name="now"/>, a claim left unfinished; returns the claim as stored, mine unless someone else changed it first.</summary>
    Task<InboundClaim> TakeOverAsync(InboundClaim unfinished, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records what the message did, unless someone else changed the claim first (they will record the same).</summary>
    Task CompleteAsync(InboundClaim claim, ReplyEffect effect, CancellationToken cancellationToken);

    /// <summary>Gives up a claim whose handling failed, so a retry takes it over at once instead of waiting for it to go stale.</summary>
    Task ReleaseAsync(InboundClaim claim, CancellationToken cancellationToken);
}

/// <summary>
/// A claim on an inbound SMS: the requests it may apply to (fixed when first claimed), when it was claimed, and, once
/// completed, what it did. <see cref="Mine"/> says whether the call holding it is the one that claimed it.
/// </summary>
public sealed record InboundClaim(string From, string MessageSid, IReadOnlyList<ReplyTarget> Targets, DateTimeOffset ClaimedAt, ReplyEffect? Effect)
{
    /// <summary>The version of the stored claim its next write must match.</summary>
    public string? ETag { get; init; }

    public bool Mine { get; init; }
}

/// <summary>What a reply may apply to: a notice of a request (an acknowledgement code), or the sender's offer in a request (no notice).</summary>
public sealed record ReplyTarget(string RequestId, string? NoticeId);
