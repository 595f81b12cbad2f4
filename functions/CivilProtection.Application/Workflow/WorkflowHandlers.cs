using System.Text.Json;
using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Sms;

namespace CivilProtection.Application.Workflow;

/// <summary>Reads a message body, or says why it can never be read.</summary>
internal static class MessageBodies
{
    public static RequestMessageBody? Read(ReceivedMessage message, out HandlingResult? poison)
    {
        poison = null;
        try
        {
            var body = JsonSerializer.Deserialize<RequestMessageBody>(message.Body, MessageJson.Options);
            if (body is null || string.IsNullOrEmpty(body.RequestId))
            {
                poison = HandlingResult.Poison("MalformedBody", "The message names no request.");
                return null;
            }
            return body;
        }
        catch (JsonException ex)
        {
            poison = HandlingResult.Poison("MalformedBody", ex.Message);
            return null;
        }
    }
}

/// <summary>A team must be paged: open its notice and page its first tier on call. Or a party is told of a change by SMS.</summary>
public sealed class NotificationsHandler(NoticeDesk notices, PartyInformation information) : IMessageHandler
{
    public string Queue => Queues.Notifications;

    public async Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (MessageBodies.Read(message, out var poison) is not { } body)
        {
            return poison!;
        }
        var known = body is { Kind: Domain.Requests.RequestMessageKinds.PartnerInformed, AuthorityId: { } partyId }
            ? await information.InformAsync(body.RequestId, body.Version, partyId, body.Action, body.OfferId, body.StageIndex, cancellationToken)
            : await notices.OpenAsync(body.RequestId, body.StageIndex, body.Version, cancellationToken, body.AuthorityId, body.OfferId);
        return known
            ? HandlingResult.Done
            : HandlingResult.Poison("UnknownRequest", $"There is no request {body.RequestId}.");
    }
}

/// <summary>Sends one SMS, at most once: pages from <see cref="Queues.SmsPaging"/>, dispatch offers from <see cref="Queues.SmsOutbound"/>.</summary>
public sealed class SmsOutboundHandler(SmsSender sender, string queue) : IMessageHandler
{
    public string Queue => queue;

    public async Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (MessageBodies.Read(message, out var poison) is not { SmsId: { } smsId })
        {
            return poison ?? HandlingResult.Poison("MalformedBody", "The message names no SMS.");
        }
        return await sender.SendAsync(smsId, cancellationToken) ? HandlingResult.Done : HandlingResult.Poison("UnknownSms", $"There is no SMS {smsId}.");
    }
}

/// <summary>
/// Scheduled checks fall due: escalate an unacknowledged notice, mark a dispatch offer silent, close a request to
/// offers at its deadline, chase departed teams not reported on site, close a request whose mission is over.
/// </summary>
public sealed class EscalationsHandler(NoticeDesk notices, DispatchDesk dispatch, Offers.ExchangeDesk exchange, Deployments.ArrivalChase arrivals, Deployments.MissionClosure closure) : IMessageHandler
{
    public string Queue => Queues.Escalations;

    public async Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (MessageBodies.Read(message, out var poison) is not { } body)
        {
            return poison!;
        }
        var known = body switch
        {
            { Kind: "notice-check", NoticeId: { } noticeId, Step: { } step } => await notices.CheckAsync(body.RequestId, noticeId, step, cancellationToken),
            { Kind: "offer-check", PersonId: { } personId } => await dispatch.CheckOfferAsync(body.RequestId, body.AuthorityId, personId, cancellationToken),
            { Kind: Domain.Requests.RequestMessageKinds.OffersDeadline } => await exchange.CloseAtDeadlineAsync(body.RequestId, cancellationToken),
            { Kind: OutboxRouting.ArrivalCheckKind, AuthorityId: { } authorityId } => await arrivals.CheckAsync(body.RequestId, authorityId, cancellationToken),
            { Kind: Domain.Requests.RequestMessageKinds.MissionCheck } => await closure.CheckAsync(body.RequestId, cancellationToken),
            _ => false,
        };
        return known ? HandlingResult.Done : HandlingResult.Poison("UnknownCheck", $"Nothing to check for {message.MessageId}.");
    }
}
