using CivilProtection.Domain.Requests;
using static CivilProtection.Application.Sms.SmsVocabulary;

namespace CivilProtection.Application.Sms;

/// <summary>The SMS that tell a party of the exchange what another did: nothing to acknowledge, a link to see it.</summary>
public sealed partial class SmsTemplates
{
    /// <returns>Null for an action no party is told of by SMS.</returns>
    public SmsText? PartyInformed(PartyInformedSms sms)
    {
        var language = LanguageOf(sms.Language);
        var line = sms.LineCode is { } code ? Capability(language, code) : "";
        var reference = sms.Reference;
        // The other party's name is what gets shortened when the text would not fit.
        Func<string, string>? render = (sms.Action, language) switch
        {
            (AuditActions.Amended, English) => by => $"Request {reference} from {by} was amended: see what changed. {sms.Link}",
            (AuditActions.Amended, Arabic) => by => $"عدّلت {by} الطلب {reference}: اطلعوا على ما تغيّر. {sms.Link}",
            (AuditActions.Amended, _) => by => $"La demande {reference} de {by} a été modifiée : voyez ce qui a changé. {sms.Link}",
            (AuditActions.ClosedToOffers, English) => by => $"Request {reference}: {by} takes no further offer. {sms.Link}",
            (AuditActions.ClosedToOffers, Arabic) => by => $"الطلب {reference}: لم تعد {by} تقبل عروضا جديدة. {sms.Link}",
            (AuditActions.ClosedToOffers, _) => by => $"Demande {reference} : {by} ne prend plus d'offre. {sms.Link}",
            (AuditActions.Closed, English) => by => $"Request {reference} from {by} is closed. {sms.Link}",
            (AuditActions.Closed, Arabic) => by => $"أغلقت {by} الطلب {reference}. {sms.Link}",
            (AuditActions.Closed, _) => by => $"La demande {reference} de {by} est close. {sms.Link}",
            (AuditActions.Cancelled, English) => by => $"Request {reference} from {by} was cancelled. {sms.Link}",
            (AuditActions.Cancelled, Arabic) => by => $"ألغت {by} الطلب {reference}. {sms.Link}",
            (AuditActions.Cancelled, _) => by => $"La demande {reference} de {by} est annulée. {sms.Link}",
            (AuditActions.OfferAccepted, English) => by => $"Request {reference}: {by} accepted your offer. {sms.Link}",
            (AuditActions.OfferAccepted, Arabic) => by => $"الطلب {reference}: قبلت {by} عرضكم. {sms.Link}",
            (AuditActions.OfferAccepted, _) => by => $"Demande {reference} : {by} accepte votre offre. {sms.Link}",
            (AuditActions.OfferPartiallyAccepted, English) => by => $"Request {reference}: {by} accepted part of your offer. {sms.Link}",
            (AuditActions.OfferPartiallyAccepted, Arabic) => by => $"الطلب {reference}: قبلت {by} جزءا من عرضكم. {sms.Link}",
            (AuditActions.OfferPartiallyAccepted, _) => by => $"Demande {reference} : {by} accepte une partie de votre offre. {sms.Link}",
            (AuditActions.OfferDeclined, English) => by => $"Request {reference}: {by} declined your offer. {sms.Link}",
            (AuditActions.OfferDeclined, Arabic) => by => $"الطلب {reference}: رفضت {by} عرضكم. {sms.Link}",
            (AuditActions.OfferDeclined, _) => by => $"Demande {reference} : {by} décline votre offre. {sms.Link}",
            (AuditActions.OfferQuestionAsked, English) => by => $"Request {reference}: {by} asks a question about your offer. {sms.Link}",
            (AuditActions.OfferQuestionAsked, Arabic) => by => $"الطلب {reference}: لدى {by} سؤال حول عرضكم. {sms.Link}",
            (AuditActions.OfferQuestionAsked, _) => by => $"Demande {reference} : {by} pose une question sur votre offre. {sms.Link}",
            (AuditActions.LineNoLongerNeeded, English) => by => $"Request {reference} from {by}: {line} is no longer needed, other offers cover it. {sms.Link}",
            (AuditActions.LineNoLongerNeeded, Arabic) => by => $"الطلب {reference} من {by}: لم يعد {line} مطلوبا، فقد غطته عروض أخرى. {sms.Link}",
            (AuditActions.LineNoLongerNeeded, _) => by => $"Demande {reference} de {by} : {line} n'est plus nécessaire, d'autres offres le couvrent. {sms.Link}",
            (AuditActions.OfferWithdrawn, English) => by => $"Request {reference}: {by} withdrew its offer. {sms.Link}",
            (AuditActions.OfferWithdrawn, Arabic) => by => $"الطلب {reference}: سحبت {by} عرضها. {sms.Link}",
            (AuditActions.OfferWithdrawn, _) => by => $"Demande {reference} : {by} retire son offre. {sms.Link}",
            (AuditActions.DeploymentExtensionAsked, English) => by => $"Request {reference}: {by} asks to keep your teams longer; your approvers decide. {sms.Link}",
            (AuditActions.DeploymentExtensionAsked, Arabic) => by => $"الطلب {reference}: تطلب {by} تمديد مهمة فرقكم؛ يقرر ذلك المصادقون لديكم. {sms.Link}",
            (AuditActions.DeploymentExtensionAsked, _) => by => $"Demande {reference} : {by} demande à garder vos équipes plus longtemps ; vos approbateurs décident. {sms.Link}",
            (AuditActions.DeploymentExtended, English) => by => $"Request {reference}: {by} agreed to keep its teams longer. {sms.Link}",
            (AuditActions.DeploymentExtended, Arabic) => by => $"الطلب {reference}: وافقت {by} على تمديد مهمة فرقها. {sms.Link}",
            (AuditActions.DeploymentExtended, _) => by => $"Demande {reference} : {by} accepte de prolonger la mission de ses équipes. {sms.Link}",
            (AuditActions.DeploymentExtensionDeclined, English) => by => $"Request {reference}: {by} declined to keep its teams longer. {sms.Link}",
            (AuditActions.DeploymentExtensionDeclined, Arabic) => by => $"الطلب {reference}: رفضت {by} تمديد مهمة فرقها. {sms.Link}",
            (AuditActions.DeploymentExtensionDeclined, _) => by => $"Demande {reference} : {by} refuse de prolonger la mission de ses équipes. {sms.Link}",
            (AuditActions.DeploymentReleased, English) => by => $"Request {reference}: {by} released your teams; report them on the way home. {sms.Link}",
            (AuditActions.DeploymentReleased, Arabic) => by => $"الطلب {reference}: أعفت {by} فرقكم من المهمة؛ أبلغوا عن عودتها. {sms.Link}",
            (AuditActions.DeploymentReleased, _) => by => $"Demande {reference} : {by} libère vos équipes ; signalez leur retour. {sms.Link}",
            _ => null,
        };
        return render is null ? null : Fit(sms.OtherParty, render);
    }
}
