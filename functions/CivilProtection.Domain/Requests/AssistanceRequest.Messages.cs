using CivilProtection.Domain.Offers;

namespace CivilProtection.Domain.Requests;

/// <summary>
/// What a partner's system sent us (EDXL-RM messages), remembered on the request so that the same message applied twice
/// changes nothing: the check and the change commit together.
/// </summary>
public sealed partial class AssistanceRequest
{
    /// <summary>Whether the message <paramref name="messageId"/> already made an offer or decided one on this request.</summary>
    public bool HasApplied(string messageId) =>
        State.OriginMessageId == messageId || State.Offers.Any(o => o.MessageId == messageId || o.DecisionMessageId == messageId);

    /// <summary>Records that the offer <paramref name="offerId"/> came in on the message <paramref name="messageId"/>.</summary>
    public void NoteOfferMessage(string offerId, string messageId) => ReplaceOffer(OfferOf(offerId) with { MessageId = messageId });

    /// <summary>Records that the decision on the offer <paramref name="offerId"/> came in on the message <paramref name="messageId"/>.</summary>
    public void NoteDecisionMessage(string offerId, string messageId) => ReplaceOffer(OfferOf(offerId) with { DecisionMessageId = messageId });

    /// <summary>Records the partner's message a request received from its system was imported from.</summary>
    public void NoteOrigin(string messageId) => State = State with { OriginMessageId = messageId };
}
