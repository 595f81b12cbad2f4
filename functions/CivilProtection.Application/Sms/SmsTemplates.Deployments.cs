using static CivilProtection.Application.Sms.SmsVocabulary;

namespace CivilProtection.Application.Sms;

/// <summary>The texts of deployments: the chase of a late arrival, and the answers to status reports by SMS.</summary>
public sealed partial class SmsTemplates
{
    /// <summary>Departed teams are not reported on site: their leader (then the contact point) is asked where they are.</summary>
    public SmsText ArrivalOverdue(ArrivalOverdueSms sms)
    {
        var language = LanguageOf(sms.Language);
        var urgency = Urgency(language, sms.Urgency);
        var expected = sms.ExpectedArrival is { } at ? Time(language, at, sms.TimeZone) : "";
        var code = Code(sms.AcknowledgementCode);
        return Fit(sms.Summary, summary => language switch
        {
            English => $"[{urgency}] {sms.Reference}{Colon(language, summary)}: your teams were expected on site {expected} and no arrival is reported. Reply ARRIVED once there, or {code} to acknowledge. {sms.Link}",
            Arabic => $"[{urgency}] {sms.Reference}{Colon(language, summary)}: كان وصول فرقكم متوقعا {expected} ولم يُبلغ عنه. أرسلوا وصلنا عند الوصول، أو {code} للتأكيد. {sms.Link}",
            _ => $"[{urgency}] {sms.Reference}{Colon(language, summary)} : vos équipes étaient attendues sur place {expected} et aucune arrivée n'est signalée. Répondez ARRIVE une fois sur place, ou {code} pour accuser réception. {sms.Link}",
        });
    }

    /// <summary>Confirms a status report to whoever sent it.</summary>
    public SmsText StatusRecorded(StatusRecordedSms sms)
    {
        var language = LanguageOf(sms.Language);
        var status = StatusName(language, sms.Status);
        return Fixed(language switch
        {
            English => $"{sms.Reference}: status \"{status}\" recorded. Thank you.",
            Arabic => $"{sms.Reference}: تم تسجيل الحالة \"{status}\". شكرا.",
            _ => $"{sms.Reference} : statut \"{status}\" enregistré. Merci.",
        });
    }

    /// <summary>
    /// A status report that cannot follow where the deployment stands (<see cref="StatusRefusedSms.Current"/>), or a
    /// departure without its estimated arrival (<c>null</c>): what to send instead.
    /// </summary>
    public SmsText StatusRefused(StatusRefusedSms sms)
    {
        var language = LanguageOf(sms.Language);
        if (sms.Current is not { } current)
        {
            return Fixed(language switch
            {
                English => $"{sms.Reference}: say when you expect to arrive, e.g. DEPARTED +3h or DEPARTED 14:30.",
                Arabic => $"{sms.Reference}: حددوا موعد الوصول المتوقع، مثال: انطلقنا +3h أو انطلقنا 14:30.",
                _ => $"{sms.Reference} : indiquez l'arrivée prévue, ex. DEPART +3h ou DEPART 14:30.",
            });
        }
        var status = StatusName(language, current);
        return Fixed(language switch
        {
            English => $"{sms.Reference}: your deployment is \"{status}\"; that report cannot follow. Report DEPARTED, ARRIVED, OPERATING, DEMOB or RETURNED in order.",
            Arabic => $"{sms.Reference}: حالة انتشاركم \"{status}\"، ولا يمكن تسجيل هذا البلاغ. أرسلوا بالترتيب: انطلقنا، وصلنا، نعمل، انسحاب، عدنا.",
            _ => $"{sms.Reference} : votre déploiement est \"{status}\" ; ce statut ne peut pas suivre. Signalez dans l'ordre DEPART, ARRIVE, OPERATION, DEMOB, RETOUR.",
        });
    }

    private static string StatusName(string language, string status) => (language, status) switch
    {
        (English, "mobilising") => "mobilising",
        (English, "departed") => "departed",
        (English, "arrived-on-site") => "arrived on site",
        (English, "operating") => "operating",
        (English, "demobilising") => "demobilising",
        (English, "returned") => "returned home",
        (Arabic, "mobilising") => "قيد التعبئة",
        (Arabic, "departed") => "انطلقت",
        (Arabic, "arrived-on-site") => "وصلت إلى الموقع",
        (Arabic, "operating") => "في العمل",
        (Arabic, "demobilising") => "قيد الانسحاب",
        (Arabic, "returned") => "عادت",
        (_, "mobilising") => "en mobilisation",
        (_, "departed") => "parti",
        (_, "arrived-on-site") => "arrivé sur place",
        (_, "operating") => "en opération",
        (_, "demobilising") => "en démobilisation",
        (_, "returned") => "rentré",
        _ => status,
    };
}

/// <summary>Departed teams overdue on site: the reference, the request's urgency and summary, the arrival they gave, and the notice's code.</summary>
public sealed record ArrivalOverdueSms(
    string Language, string Reference, Domain.Requests.Urgency Urgency, string Summary, DateTimeOffset? ExpectedArrival, string TimeZone, Uri Link,
    string AcknowledgementCode);

/// <summary>A status report by SMS was recorded: <paramref name="Status"/> is its wire name.</summary>
public sealed record StatusRecordedSms(string Language, string Reference, string Status);

/// <summary>A status report by SMS was refused: <paramref name="Current"/> is where the deployment stands, null when a departure gave no arrival.</summary>
public sealed record StatusRefusedSms(string Language, string Reference, string? Current);
