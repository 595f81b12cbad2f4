using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Rosters;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Answers SMS replies: an acknowledgement code closes the sender's notice; <c>1</c>/<c>2</c> (and their words)
/// answer the sender's latest dispatch offer. Anything else gets a short help text in the sender's language.
/// </summary>
public sealed class SmsReplies(IPeople people, IReplyIndex replies, NoticeDesk notices, DispatchDesk dispatch, SmsDeliveries deliveries, ISmsTexts texts) : ISmsReplies
{
    public async Task<string?> HandleReplyAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        // A number the system does not know gets no answer: replying would only help someone probe it.
        if (await people.FindByMobileAsync(sms.From, cancellationToken) is not { } person)
        {
            return null;
        }
        var reply = ReplyGrammar.Parse(sms.Body);
        switch (reply.Kind)
        {
            case ReplyKind.Acknowledge:
                foreach (var awaited in await replies.FindCodeAsync(sms.From, reply.Code!, cancellationToken))
                {
                    if (await notices.AcknowledgeBySmsAsync(person, awaited.RequestId, awaited.NoticeId!, cancellationToken) is not null)
                    {
                        // The confirmation goes out as an SMS of its own, recorded on the timeline.
                        return null;
                    }
                }
                break;
            case ReplyKind.Accept or ReplyKind.Decline:
                var accepted = reply.Kind == ReplyKind.Accept;
                foreach (var offer in await replies.ListOffersAsync(sms.From, cancellationToken))
                {
                    if (await dispatch.AnswerAsync(person, offer.RequestId, accepted, cancellationToken) is { } reference)
                    {
                        return texts.DispatchAnswered(person.Language, reference, accepted);
                    }
                }
                break;
        }
        return texts.NotUnderstood(person.Language);
    }

    public Task HandleStatusAsync(SmsStatusReport report, CancellationToken cancellationToken) => deliveries.RecordAsync(report, cancellationToken);
}
