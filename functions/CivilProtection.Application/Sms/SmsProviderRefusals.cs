using System.Globalization;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Sms;

/// <summary>
/// What the provider refusing our account or sender (not the person) means, beyond the SMS staying pending: the
/// health turns degraded, the admins of the person's authority are alerted once per incident (by SMS, and by a call
/// where a voice number is set: the SMS may well be refused too), and a page rings its person instead.
/// </summary>
public sealed class SmsProviderRefusals(
    SmsProviderHealth health,
    NoticeDesk notices,
    IPeople people,
    IRequestStore store,
    Directory.IDirectory directory,
    ISmsTexts texts,
    Voice.IVoiceGateway voice,
    PartitionWriter writer,
    TimeProvider clock)
{
    public async Task RecordAsync(SmsRecord sms, int errorCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        if (await health.RefusedAsync(sms.RequestId, errorCode, cancellationToken))
        {
            await AlertAdminsAsync(sms, errorCode, cancellationToken);
        }
        if (sms.Purpose == SmsPurpose.Notice)
        {
            await notices.RingInsteadAsync(sms, cancellationToken);
        }
    }

    private async Task AlertAdminsAsync(SmsRecord refused, int errorCode, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(refused.PersonId, cancellationToken) is not { } person
            || await store.FindAsync(refused.RequestId, cancellationToken) is not { } request)
        {
            return;
        }
        var admins = (await people.ListAsync(person.AuthorityId, cancellationToken)).Where(p => p.Roles.Contains(PersonRoles.Admin)).ToList();
        var zone = (await directory.FindAuthorityAsync(person.AuthorityId, cancellationToken))?.TimeZone ?? "UTC";
        var now = clock.GetUtcNow();
        var incident = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var change = new PartitionChange(refused.RequestId);
        for (var i = 0; i < admins.Count; i++)
        {
            var admin = admins[i];
            change.Send(SmsRecord.ToSend(refused.RequestId, $"provider-{incident}-admin{i}", admin, SmsPurpose.AdminAlert, texts.ProviderAlert(admin.Language, errorCode, now, zone), noticeId: null, now),
                request.Request.State.CorrelationId);
            if (voice.CanCall)
            {
                change.Send(SmsRecord.ToSend(refused.RequestId, $"provider-{incident}-admin{i}-call", admin, SmsPurpose.AdminCall, Voice.CallScripts.ProviderAlert(admin.Language, errorCode), noticeId: null, now),
                    request.Request.State.CorrelationId);
            }
        }
        change.Events.Add(new AuditEvent(0, now, Actor.System.UserId, Actor.System.DisplayName, "sms-provider-refused",
            $"error {errorCode}: {admins.Count} admin(s) of {person.AuthorityId} alerted", null));
        await writer.CommitAsync(change, cancellationToken);
    }
}
