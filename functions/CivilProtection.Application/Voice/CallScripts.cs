using CivilProtection.Application.Sms;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;
using static CivilProtection.Application.Sms.SmsVocabulary;

namespace CivilProtection.Application.Voice;

/// <summary>
/// What a notice's voice call says, in French, English or Arabic: spoken, so no link or code, the summary kept short,
/// and the one thing to do said last (press 1). The wording lives here, the decision to ring in the notice's policy.
/// </summary>
public static class CallScripts
{
    /// <summary>Summaries are read out up to this many characters: a call must get to "press 1" quickly.</summary>
    public const int SpokenSummaryLength = 120;

    /// <summary>The prompt read when the call is answered.</summary>
    public static string Prompt(string language, NoticeText model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lang = LanguageOf(language);
        var urgency = WireNames.TryParse(model.Urgency, out Domain.Requests.Urgency u) ? Urgency(lang, u) : Urgency(lang, Domain.Requests.Urgency.LifeSafety);
        var summary = Spoken(model.Summary);
        var deadline = model.Deadline is { } at ? Time(lang, at, model.TimeZone) : null;
        // The contact point an asked partner pages acts as an operations desk: it looks at the request, nothing to approve yet.
        var approval = model.Kind is not (NoticeKind.AssistanceApproved or NoticeKind.PartnerAsked);
        return lang switch
        {
            English => $"Civil protection alert, {urgency}. Request {model.Reference} from {model.RequestingAuthority}{(approval ? " awaits your approval" : " was approved and awaits your team")}: {summary}."
                + (deadline is null ? "" : $" Deadline {deadline}.") + " Press 1 to acknowledge.",
            Arabic => $"تنبيه من الحماية المدنية، {urgency}. الطلب {model.Reference} من {model.RequestingAuthority}{(approval ? " ينتظر موافقتكم" : " مقبول وينتظر فريقكم")}: {summary}."
                + (deadline is null ? "" : $" الأجل {deadline}.") + " اضغطوا على 1 لتأكيد الاستلام.",
            _ => $"Alerte de la protection civile, {urgency}. La demande {model.Reference} de {model.RequestingAuthority}{(approval ? " attend votre validation" : " est approuvée et attend votre équipe")} : {summary}."
                + (deadline is null ? "" : $" Échéance {deadline}.") + " Appuyez sur 1 pour accuser réception.",
        };
    }

    /// <summary>The admins' call when the SMS provider refuses our account or sender: nothing to press.</summary>
    public static string ProviderAlert(string language, int errorCode) => LanguageOf(language) switch
    {
        English => $"Civil protection alert for administrators. Twilio refuses our text messages, error {errorCode}. Pages are waiting. Check the Twilio account and the application settings. Goodbye.",
        Arabic => $"تنبيه من الحماية المدنية للمسؤولين. ترفض Twilio رسائلنا النصية، الخطأ {errorCode}. التنبيهات معلقة. تحققوا من حساب Twilio وإعدادات التطبيق. مع السلامة.",
        _ => $"Alerte de la protection civile pour les administrateurs. Twilio refuse nos SMS, erreur {errorCode}. Les alertes sont en attente. Vérifiez le compte Twilio et les réglages de l'application. Au revoir.",
    };

    /// <summary>Said after 1 was pressed and the acknowledgement recorded.</summary>
    public static string Acknowledged(string language, string reference) => LanguageOf(language) switch
    {
        English => $"Thank you. Your acknowledgement of request {reference} is recorded. Goodbye.",
        Arabic => $"شكرا. تم تسجيل تأكيد استلامكم للطلب {reference}. مع السلامة.",
        _ => $"Merci. Votre accusé de réception de la demande {reference} est enregistré. Au revoir.",
    };

    /// <summary>Said when the notice was closed before the call was answered (acknowledged by someone, or decided).</summary>
    public static string NoLongerNeeded(string language, string? acknowledgedBy) => (LanguageOf(language), acknowledgedBy) switch
    {
        (English, null) => "This alert is closed: nothing more is needed from you. Goodbye.",
        (English, var name) => $"This alert was already acknowledged by {name}. Nothing more is needed from you. Goodbye.",
        (Arabic, null) => "هذا التنبيه مغلق: لا شيء مطلوب منكم. مع السلامة.",
        (Arabic, var name) => $"سبق أن أكد {name} استلام هذا التنبيه. لا شيء مطلوب منكم. مع السلامة.",
        (_, null) => "Cette alerte est close : rien de plus n'est attendu de vous. Au revoir.",
        (_, var name) => $"Cette alerte a déjà été prise en compte par {name}. Rien de plus n'est attendu de vous. Au revoir.",
    };

    /// <summary>Said when nothing (or another key) was pressed after the prompt was read twice.</summary>
    public static string NoAcknowledgement(string language) => LanguageOf(language) switch
    {
        English => "No acknowledgement recorded. The alert stays open; reply to the SMS or open the request page. Goodbye.",
        Arabic => "لم يسجل أي تأكيد. يبقى التنبيه مفتوحا؛ أجيبوا على الرسالة النصية أو افتحوا صفحة الطلب. مع السلامة.",
        _ => "Aucun accusé de réception enregistré. L'alerte reste ouverte : répondez au SMS ou ouvrez la page de la demande. Au revoir.",
    };

    /// <summary>The language the texts above are written in for a person of <paramref name="language"/>: fr, en or ar.</summary>
    public static string LanguageFor(string? language) => LanguageOf(language);

    private static string Spoken(string summary)
    {
        var line = SmsFitting.OneLine(summary ?? "");
        return line.Length <= SpokenSummaryLength ? line : line[..SpokenSummaryLength].TrimEnd() + "…";
    }
}
