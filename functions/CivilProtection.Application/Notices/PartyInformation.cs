using CivilProtection.Application.Directory;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Notices;

/// <summary>
/// Tells a party of the exchange, by SMS to the first tier on call of its contact team, what another party did: an
/// amendment, closing, a cancellation, the decision on its offer, a line no longer needed, a question; the requester of
/// a withdrawn offer. Nothing to acknowledge, so nothing escalates. Each SMS is named by the act and its person, so a
/// second delivery of the same message sends nothing more.
/// </summary>
public sealed class PartyInformation(
    IRequestStore store,
    IPeople people,
    Directory.IDirectory directory,
    ReachableOnCall reachable,
    ISmsTexts texts,
    PartitionWriter writer,
    SmsWebhookUrls urls,
    TimeProvider clock)
{
    /// <returns>False when there is no such request (the message can never succeed).</returns>
    /// <param name="line">The requested line no longer needed, for that action.</param>
    public async Task<bool> InformAsync(
        string requestId, int version, string authorityId, string? action, string? offerId, int? line, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(requestId, cancellationToken) is not { } loaded)
        {
            return false;
        }
        if (action is null)
        {
            // A message queued before the acts were named says nothing to tell; the lists already show the change.
            return true;
        }
        var request = loaded.Request.State;
        var now = clock.GetUtcNow();
        var onCall = await FirstTierAsync(authorityId, now, cancellationToken);
        // Who did it: the requester; for a withdrawal told to the requester, the offering authority.
        var actorId = authorityId == request.RequestingAuthorityId
            ? request.Offers.FirstOrDefault(o => o.OfferId == offerId)?.AuthorityId ?? request.RequestingAuthorityId
            : request.RequestingAuthorityId;
        var actor = await directory.FindAuthorityAsync(actorId, cancellationToken);
        var lineCode = line is { } l && l >= 0 && l < request.Details.Capabilities.Count ? request.Details.Capabilities[l].Code : null;
        var link = new Uri(urls.PublicBaseUrl, $"/#/requests/{request.Id}");
        var change = new PartitionChange(requestId);
        foreach (var person in onCall)
        {
            var body = texts.PartyInformed(person.Language, new PartyInformedText(request.Reference, action, actor?.NameIn(person.Language) ?? actorId, lineCode, link));
            if (body is null)
            {
                return true;
            }
            change.Send(SmsRecord.ToSend(requestId, LocalId(version, authorityId, offerId, line, person.PersonId, action), person, SmsPurpose.Information, body, noticeId: null, now),
                request.CorrelationId);
        }
        if (change.Sms.Count == 0)
        {
            return true;
        }
        change.Events.Add(new AuditEvent(0, now, Actor.System.UserId, Actor.System.DisplayName, AuditActions.PartyInformed, action, null, AuthorityId: authorityId));
        try
        {
            await writer.CommitAsync(change, cancellationToken);
        }
        catch (ConcurrentChangeException)
        {
            // An earlier delivery of the same message told them already; any other conflict is retried by the queue.
            if (await store.FindSmsAsync(change.Sms[0].Value.SmsId, cancellationToken) is null)
            {
                throw;
            }
        }
        return true;
    }

    private async Task<IReadOnlyList<Person>> FirstTierAsync(string authorityId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var team = await directory.ContactTeamAsync(authorityId, cancellationToken);
        var tiers = await reachable.OnCallAsync(authorityId, team, now, cancellationToken);
        var first = tiers.OrderBy(t => t.Tier).FirstOrDefault()?.PersonIds ?? [];
        var found = await Task.WhenAll(first.Select(id => people.FindAsync(id, cancellationToken)));
        return found.OfType<Person>().ToList();
    }

    // A deployment's acts are numbered by the deployment's version, not the request's: their ids name the act too.
    private static string LocalId(int version, string authorityId, string? offerId, int? line, string personId, string action) =>
        DeploymentTold.IsDeploymentAct(action)
            ? $"informed-{action}-v{version}-{authorityId}-{personId}"
            : $"informed-{version}-{offerId ?? authorityId}{(line is { } l ? $"-line{l}" : "")}-{personId}";
}
