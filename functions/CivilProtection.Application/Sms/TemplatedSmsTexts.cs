using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Sms;

/// <summary>The workflow's <see cref="ISmsTexts"/>, written by <see cref="SmsTemplates"/> (and so within the segment limit).</summary>
public sealed class TemplatedSmsTexts(SmsTemplates templates) : ISmsTexts
{
    public string Notice(string language, NoticeText model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var urgency = UrgencyOf(model.Urgency);
        if (model.Kind == NoticeKind.ArrivalOverdue)
        {
            return templates.ArrivalOverdue(new ArrivalOverdueSms(language, model.Reference, urgency, model.Summary, model.Deadline, model.TimeZone, model.Link, model.Code)).Body;
        }
        if (model.Kind is NoticeKind.PartnerAsked or NoticeKind.OfferArrived)
        {
            return templates.ExchangeNotice(new ExchangeNoticeSms(language, model.Reference, urgency, model.RequestingAuthority, model.Summary,
                model.Kind == NoticeKind.OfferArrived, model.Deadline, model.TimeZone, model.Link, model.Code)).Body;
        }
        return model.Kind == NoticeKind.AssistanceApproved
            ? templates.OperationsNotice(new OperationsNoticeSms(
                language, model.Reference, urgency, model.RequestingAuthority, model.Summary, model.Deadline, model.TimeZone, model.Link, model.Code)).Body
            : templates.StageNotice(new StageNoticeSms(
                language, model.Reference, urgency, model.RequestingAuthority, model.Summary, model.Deadline, model.TimeZone, model.Link, model.Code)).Body;
    }

    public string AdminAlert(string language, NoticeText model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return templates.Escalation(new EscalationSms(language, model.Reference, UrgencyOf(model.Urgency), model.Summary, model.Link)).Body;
    }

    public string Acknowledged(string language, string reference) => templates.Acknowledged(new AcknowledgedSms(language, reference)).Body;

    public string DispatchOffer(string language, DispatchOfferText model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return templates.DispatchOffer(new DispatchOfferSms(
            language, model.Reference, model.Capability, "", model.Place, model.MeetingPoint, model.ReportAt, model.TimeZone, model.Role)).Body;
    }

    public string DispatchAnswered(string language, string reference, bool accepted) =>
        templates.DispatchAnswer(new DispatchAnswerSms(language, reference, accepted)).Body;

    public string ProviderAlert(string language, int errorCode, DateTimeOffset since, string timeZone) =>
        templates.ProviderAlert(new ProviderAlertSms(language, errorCode, since, timeZone)).Body;

    public string StatusRecorded(string language, string reference, string status) =>
        templates.StatusRecorded(new StatusRecordedSms(language, reference, status)).Body;

    public string StatusRefused(string language, string reference, string? current) =>
        templates.StatusRefused(new StatusRefusedSms(language, reference, current)).Body;

    public string NotUnderstood(string language) => templates.NotUnderstood(new NotUnderstoodSms(language)).Body;

    public string? PartyInformed(string language, PartyInformedText model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return templates.PartyInformed(new PartyInformedSms(language, model.Reference, model.Action, model.OtherParty, model.LineCode, model.Link))?.Body;
    }

    // The wire name ("life-safety"); an unknown one reads as the most urgent rather than the least.
    private static Urgency UrgencyOf(string wireName) => WireNames.TryParse(wireName, out Urgency urgency) ? urgency : Urgency.LifeSafety;
}
