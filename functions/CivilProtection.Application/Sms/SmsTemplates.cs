using Microsoft.Extensions.Options;
using static CivilProtection.Application.Sms.SmsVocabulary;

namespace CivilProtection.Application.Sms;

/// <summary>
/// The texts of every SMS the app sends, in French, English and Arabic, each kept within the configured number of
/// segments by shortening its summary (see <see cref="SmsFitting"/>). Reply instructions use the words the reply
/// grammar reads: <c>OK 4821</c>; <c>1</c>/<c>YES</c>/<c>OUI</c>/<c>نعم</c>; <c>2</c>/<c>NO</c>/<c>NON</c>/<c>لا</c>.
/// </summary>
public sealed partial class SmsTemplates(IOptions<SmsTextOptions> options)
{
    private int MaxSegments => options.Value.MaxSegments;

    public SmsText StageNotice(StageNoticeSms sms)
    {
        var language = LanguageOf(sms.Language);
        var urgency = Urgency(language, sms.Urgency);
        var deadline = sms.Deadline is { } at
            ? language switch
            {
                English => $" Deadline {Time(language, at, sms.TimeZone)}.",
                Arabic => $" الأجل {Time(language, at, sms.TimeZone)}.",
                _ => $" Échéance {Time(language, at, sms.TimeZone)}.",
            }
            : "";
        var code = Code(sms.AcknowledgementCode);
        return Fit(sms.Summary, summary => language switch
        {
            English => $"[{urgency}] Request {sms.Reference} from {sms.RequestingAuthority} awaits your approval{Colon(language, summary)}.{deadline} {sms.Link} To acknowledge, reply {code}",
            Arabic => $"[{urgency}] الطلب {sms.Reference} من {sms.RequestingAuthority} للموافقة{Colon(language, summary)}.{deadline} {sms.Link} للتأكيد أرسلوا {code}",
            _ => $"[{urgency}] Demande {sms.Reference} de {sms.RequestingAuthority} à valider{Colon(language, summary)}.{deadline} {sms.Link} Pour accuser réception, répondez {code}",
        });
    }

    public SmsText OperationsNotice(OperationsNoticeSms sms)
    {
        var language = LanguageOf(sms.Language);
        var urgency = Urgency(language, sms.Urgency);
        var neededBy = sms.NeededBy is { } at
            ? language switch
            {
                English => $" Assistance needed by {Time(language, at, sms.TimeZone)}.",
                Arabic => $" الدعم مطلوب قبل {Time(language, at, sms.TimeZone)}.",
                _ => $" Assistance attendue pour le {Time(language, at, sms.TimeZone)}.",
            }
            : "";
        var code = Code(sms.AcknowledgementCode);
        return Fit(sms.Summary, summary => language switch
        {
            English => $"[{urgency}] Request {sms.Reference} from {sms.RequestingAuthority} approved{Colon(language, summary)}.{neededBy} {sms.Link} To acknowledge, reply {code}",
            Arabic => $"[{urgency}] الطلب {sms.Reference} من {sms.RequestingAuthority} مقبول{Colon(language, summary)}.{neededBy} {sms.Link} للتأكيد أرسلوا {code}",
            _ => $"[{urgency}] Demande {sms.Reference} de {sms.RequestingAuthority} approuvée{Colon(language, summary)}.{neededBy} {sms.Link} Pour accuser réception, répondez {code}",
        });
    }

    public SmsText ExchangeNotice(ExchangeNoticeSms sms)
    {
        var language = LanguageOf(sms.Language);
        var urgency = Urgency(language, sms.Urgency);
        var neededBy = sms.NeededBy is { } at && !sms.OfferArrived
            ? language switch
            {
                English => $" Needed by {Time(language, at, sms.TimeZone)}.",
                Arabic => $" قبل {Time(language, at, sms.TimeZone)}.",
                _ => $" Attendu pour le {Time(language, at, sms.TimeZone)}.",
            }
            : "";
        var code = Code(sms.AcknowledgementCode);
        return Fit(sms.Summary, summary => (language, sms.OfferArrived) switch
        {
            (English, false) => $"[{urgency}] Request {sms.Reference} from {sms.RequestingAuthority} asks your authority for an offer{Colon(language, summary)}.{neededBy} {sms.Link} To acknowledge, reply {code}",
            (English, true) => $"[{urgency}] An offer arrived on your request {sms.Reference}{Colon(language, summary)}. {sms.Link} To acknowledge, reply {code}",
            (Arabic, false) => $"[{urgency}] الطلب {sms.Reference} من {sms.RequestingAuthority} يطلب عرضا منكم{Colon(language, summary)}.{neededBy} {sms.Link} للتأكيد أرسلوا {code}",
            (Arabic, true) => $"[{urgency}] وصل عرض على طلبكم {sms.Reference}{Colon(language, summary)}. {sms.Link} للتأكيد أرسلوا {code}",
            (_, false) => $"[{urgency}] Demande {sms.Reference} de {sms.RequestingAuthority} : une offre de votre autorité est sollicitée{Colon(language, summary)}.{neededBy} {sms.Link} Pour accuser réception, répondez {code}",
            (_, true) => $"[{urgency}] Offre arrivée sur votre demande {sms.Reference}{Colon(language, summary)}. {sms.Link} Pour accuser réception, répondez {code}",
        });
    }

    public SmsText Acknowledged(AcknowledgedSms sms)
    {
        var language = LanguageOf(sms.Language);
        var by = sms.AlreadyAcknowledgedBy is { } name ? SmsFitting.OneLine(name) : null;
        return Fixed((language, by) switch
        {
            (English, null) => $"Thank you. Your acknowledgement of {sms.Reference} is recorded.",
            (English, _) => $"{sms.Reference} was already acknowledged by {by}. Thank you.",
            (Arabic, null) => $"شكرا. تم تسجيل تأكيد استلامكم للطلب {sms.Reference}.",
            (Arabic, _) => $"سبق أن أكد {by} استلام الطلب {sms.Reference}. شكرا.",
            (_, null) => $"Merci. Votre accusé de réception de la demande {sms.Reference} est enregistré.",
            _ => $"La demande {sms.Reference} a déjà été prise en compte par {by}. Merci.",
        });
    }

    public SmsText Escalation(EscalationSms sms)
    {
        var language = LanguageOf(sms.Language);
        var urgency = Urgency(language, sms.Urgency);
        var team = sms.Team is { Length: > 0 } name
            ? language switch { English => $" (team {SmsFitting.OneLine(name)})", Arabic => $" (فريق {SmsFitting.OneLine(name)})", _ => $" (équipe {SmsFitting.OneLine(name)})" }
            : "";
        var since = sms.Unacknowledged is { } waited
            ? language switch { English => $" for {Duration(language, waited)}", Arabic => $" منذ {Duration(language, waited)}", _ => $" depuis {Duration(language, waited)}" }
            : "";
        var ack = sms.AcknowledgementCode is { } digits
            ? language switch
            {
                English => $" To acknowledge, reply {Code(digits)}",
                Arabic => $" للتأكيد أرسلوا {Code(digits)}",
                _ => $" Pour accuser réception, répondez {Code(digits)}",
            }
            : "";
        return Fit(sms.Summary, summary => language switch
        {
            English => $"[{urgency}] ALERT {sms.Reference}{Colon(language, summary)} - nobody acknowledged the notice{team}{since}. {sms.Link}{ack}",
            Arabic => $"[{urgency}] تنبيه {sms.Reference}{Colon(language, summary)} - لا تأكيد للاستلام{team}{since}. {sms.Link}{ack}",
            _ => $"[{urgency}] ALERTE {sms.Reference}{Colon(language, summary)} - personne n'a accusé réception de l'alerte{team}{since}. {sms.Link}{ack}",
        });
    }

    public SmsText DispatchOffer(DispatchOfferSms sms)
    {
        var language = LanguageOf(sms.Language);
        var capability = sms.Role is { } role
            ? $"{Capability(language, sms.Capability)} - {Domain.Requests.CatalogueVersions.RoleNameOf(role, language)}"
            : Capability(language, sms.Capability);
        var where = SmsFitting.OneLine(sms.Where);
        var meeting = SmsFitting.OneLine(sms.MeetingPoint);
        var when = Time(language, sms.ReportAt, sms.TimeZone);
        return Fit(sms.Summary, summary => language switch
        {
            English => $"Mission {sms.Reference}{Brackets(summary)}: {capability} in {where}. Meet at {meeting}, {when}. Reply 1 or YES to accept, 2 or NO to decline.",
            Arabic => $"مهمة {sms.Reference}{Brackets(summary)}: {capability} في {where}. نقطة التجمع {meeting}، {when}. أرسلوا 1 أو نعم للقبول، 2 أو لا للرفض.",
            _ => $"Mission {sms.Reference}{Brackets(summary)} : {capability} à {where}. Rendez-vous {meeting} le {when}. Répondez 1 ou OUI pour accepter, 2 ou NON pour refuser.",
        });
    }

    public SmsText DispatchAnswer(DispatchAnswerSms sms)
    {
        var language = LanguageOf(sms.Language);
        var meeting = sms.Accepted && sms.MeetingPoint is { Length: > 0 } point
            ? (language, sms.ReportAt) switch
            {
                (English, { } at) => $" Meet at {SmsFitting.OneLine(point)}, {Time(language, at, sms.TimeZone)}.",
                (English, null) => $" Meet at {SmsFitting.OneLine(point)}.",
                (Arabic, { } at) => $" نقطة التجمع {SmsFitting.OneLine(point)}، {Time(language, at, sms.TimeZone)}.",
                (Arabic, null) => $" نقطة التجمع {SmsFitting.OneLine(point)}.",
                (_, { } at) => $" Rendez-vous {SmsFitting.OneLine(point)} le {Time(language, at, sms.TimeZone)}.",
                _ => $" Rendez-vous {SmsFitting.OneLine(point)}.",
            }
            : "";
        return Fixed((language, sms.Accepted) switch
        {
            (English, true) => $"Thank you, you are confirmed for {sms.Reference}.{meeting}",
            (English, false) => $"Noted: you will not take part in {sms.Reference}. Thank you for answering.",
            (Arabic, true) => $"شكرا، تم تأكيد مشاركتكم في {sms.Reference}.{meeting}",
            (Arabic, false) => $"تم تسجيل اعتذاركم عن المهمة {sms.Reference}. شكرا على ردكم.",
            (_, true) => $"Merci, votre participation à {sms.Reference} est confirmée.{meeting}",
            _ => $"Bien noté : vous ne participez pas à {sms.Reference}. Merci de votre réponse.",
        });
    }

    public SmsText ProviderAlert(ProviderAlertSms sms)
    {
        var language = LanguageOf(sms.Language);
        var since = Time(language, sms.Since, sms.TimeZone);
        return Fixed(language switch
        {
            English => $"ALERT: Twilio refuses our SMS (error {sms.ErrorCode}) since {since}. Pages wait and ring where a voice number is set. Check the Twilio account and CivilProtection:Twilio settings.",
            Arabic => $"تنبيه: ترفض Twilio رسائلنا (الخطأ {sms.ErrorCode}) منذ {since}. التنبيهات معلقة وتتم بالاتصال الصوتي حيث يتوفر رقم صوتي. تحققوا من حساب Twilio وإعدادات CivilProtection:Twilio.",
            _ => $"ALERTE : Twilio refuse nos SMS (erreur {sms.ErrorCode}) depuis le {since}. Les alertes attendent et sonnent par appel vocal si un numéro vocal est configuré. Vérifiez le compte Twilio et les réglages CivilProtection:Twilio.",
        });
    }

    public SmsText NotUnderstood(NotUnderstoodSms sms) => Fixed(LanguageOf(sms.Language) switch
    {
        English => "Reply not understood. To acknowledge an alert, reply OK and its code (e.g. OK 4821). For a mission, reply 1 or YES to accept, 2 or NO to decline.",
        Arabic => "لم نفهم ردكم. لتأكيد استلام تنبيه أرسلوا OK متبوعا بالرمز (مثال: OK 4821). للرد على مهمة أرسلوا 1 أو نعم للقبول، 2 أو لا للرفض.",
        _ => "Réponse non comprise. Pour accuser réception d'une alerte, répondez OK suivi du code (ex. OK 4821). Pour une mission, répondez 1 ou OUI pour accepter, 2 ou NON pour refuser.",
    });

    private SmsText Fit(string summary, Func<string, string> render) => SmsFitting.Fit(render, summary ?? "", MaxSegments);

    private SmsText Fixed(string body)
    {
        var count = SmsSegments.Count(body);
        return new SmsText(body, count, SummaryShortened: false, WithinLimit: count.Segments <= MaxSegments);
    }

    private static string Code(string digits) => "OK " + digits.Trim();

    // French sets a space before the colon; a summary cut to nothing leaves no dangling colon.
    private static string Colon(string language, string summary) =>
        summary.Length == 0 ? "" : language == French ? " : " + summary : ": " + summary;

    private static string Brackets(string summary) => summary.Length == 0 ? "" : $" ({summary})";
}
