using CivilProtection.Application.Sms;
using CivilProtection.Domain.Requests;
using Microsoft.Extensions.Options;

namespace CivilProtection.Sms.Tests;

public sealed class SmsTemplatesTests
{
    private static readonly Uri Link = new("https://cp.example.org/#/requests/3f2a9c0d4e5b4a6f8c7d9e0f1a2b3c4d");

    // 14 January 2026, 15:30 UTC: 16:30 in Paris (CET) and in Casablanca (UTC+1 outside Ramadan).
    private static readonly DateTimeOffset Deadline = new(2026, 1, 14, 15, 30, 0, TimeSpan.Zero);

    private static SmsTemplates Templates(int maxSegments = 3) => new(Options.Create(new SmsTextOptions { MaxSegments = maxSegments }));

    private static StageNoticeSms Notice(string language = "fr", string summary = "Crue de l'oued Sebou", string timeZone = "Europe/Paris") =>
        new(language, "AR-2026-00042", Urgency.LifeSafety, "MA-DGPC", summary, Deadline, timeZone, Link, "4821");

    [Fact]
    public void A_french_stage_notice_says_everything_the_approver_needs_in_gsm7()
    {
        var text = Templates().StageNotice(Notice());

        Assert.Equal(
            "[URGENCE VITALE] Demande AR-2026-00042 de MA-DGPC à valider : Crue de l'oued Sebou. Échéance 14/01 16:30 (heure de Paris). "
            + Link.AbsoluteUri + " Pour accuser réception, répondez OK 4821",
            text.Body);
        Assert.Equal(SmsEncoding.Gsm7, text.Count.Encoding);
        Assert.False(text.SummaryShortened);
        Assert.True(text.WithinLimit);
    }

    [Fact]
    public void The_deadline_is_shown_in_the_recipient_authoritys_time_zone()
    {
        // 1 July: Paris is on summer time (UTC+2), Casablanca on UTC+1.
        var summer = new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
        var paris = Templates().StageNotice(Notice(timeZone: "Europe/Paris") with { Deadline = summer });
        var casablanca = Templates().StageNotice(Notice(timeZone: "Africa/Casablanca") with { Deadline = summer });
        var english = Templates().StageNotice(Notice("en", timeZone: "Europe/Paris") with { Deadline = summer });

        Assert.Contains("Échéance 01/07 10:00 (heure de Paris).", paris.Body);
        Assert.Contains("Échéance 01/07 09:00 (heure du Maroc).", casablanca.Body);
        Assert.Contains("Deadline 1 Jul 10:00 Paris time.", english.Body);
    }

    // tzdb 2026f: Morocco leaves UTC+1 for UTC+0 for good on 2026-09-20 (the machine's 2025b would still say UTC+1).
    [Theory]
    [InlineData("2026-09-19T12:00:00Z", "Africa/Casablanca", "fr", "19/09 13:00 (heure du Maroc)")]
    [InlineData("2026-09-21T12:00:00Z", "Africa/Casablanca", "fr", "21/09 12:00 (heure du Maroc)")]
    [InlineData("2026-09-19T12:00:00Z", "Europe/Paris", "fr", "19/09 14:00 (heure de Paris)")]
    [InlineData("2026-09-21T12:00:00Z", "Europe/Paris", "en", "21 Sep 14:00 Paris time")]
    [InlineData("2026-12-04T06:10:00Z", "Africa/Casablanca", "en", "4 Dec 06:10 Morocco time")]
    [InlineData("2026-12-04T06:10:00Z", "Europe/Paris", "ar", "04/12 07:10 بتوقيت باريس")]
    // Ramadan 2026: Morocco on UTC+0 from 15 February, Paris on winter time (UTC+1).
    [InlineData("2026-03-01T12:00:00Z", "Africa/Casablanca", "fr", "01/03 12:00 (heure du Maroc)")]
    [InlineData("2026-03-01T12:00:00Z", "Europe/Paris", "fr", "01/03 13:00 (heure de Paris)")]
    [InlineData("2026-02-14T12:00:00Z", "Africa/Casablanca", "fr", "14/02 13:00 (heure du Maroc)")]
    // Europe's change to summer time, 29 March 2026 at 01:00 UTC.
    [InlineData("2026-03-29T00:30:00Z", "Europe/Paris", "fr", "29/03 01:30 (heure de Paris)")]
    [InlineData("2026-03-29T01:30:00Z", "Europe/Paris", "fr", "29/03 03:30 (heure de Paris)")]
    // A zone without a common name in our texts: its UTC offset at that instant.
    [InlineData("2026-03-01T12:00:00Z", "Asia/Riyadh", "fr", "01/03 15:00 UTC+03:00")]
    [InlineData("2026-03-01T12:00:00Z", "America/St_Johns", "en", "1 Mar 08:30 UTC-03:30")]
    [InlineData("2026-03-01T12:00:00Z", "Atlantic/Reykjavik", "fr", "01/03 12:00 UTC")]
    public void Every_time_is_in_the_recipients_zone_and_names_it(string instant, string zone, string language, string expected)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        var notice = Templates().StageNotice(Notice(language, timeZone: zone) with { Deadline = at });
        var offer = Templates().DispatchOffer(new DispatchOfferSms(language, "AR-2026-00042", "shelter", "Crue", "Sidi Kacem", "Caserne", at, zone));

        Assert.Contains(expected, notice.Body);
        Assert.Contains(expected, offer.Body);
    }

    [Fact]
    public void An_unknown_time_zone_says_the_time_is_utc()
    {
        Assert.Contains("14/01 15:30 UTC", Templates().StageNotice(Notice(timeZone: "Mars/Olympus")).Body);
    }

    [Fact]
    public void An_arabic_notice_is_ucs2_and_keeps_the_latin_code_and_the_link()
    {
        var text = Templates().StageNotice(Notice("ar", "فيضان واد سبو"));

        Assert.Equal(SmsEncoding.Ucs2, text.Count.Encoding);
        Assert.Contains("OK 4821", text.Body);
        Assert.Contains(Link.AbsoluteUri, text.Body);
        Assert.Contains("AR-2026-00042", text.Body);
        Assert.Contains("14/01 16:30", text.Body);
        Assert.True(text.Count.Segments <= 3);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void A_long_summary_is_shortened_with_three_dots_and_the_reference_code_and_link_stay_whole(string language)
    {
        var summary = string.Join(' ', Enumerable.Repeat("Inondations majeures dans la plaine du Gharb avec 12 000 personnes evacuees", 8));

        var text = Templates(maxSegments: 2).StageNotice(Notice(language, summary));

        Assert.True(text.SummaryShortened);
        Assert.True(text.WithinLimit);
        Assert.Equal(SmsEncoding.Gsm7, text.Count.Encoding);
        Assert.Equal(2, text.Count.Segments);
        Assert.Contains("...", text.Body);
        Assert.DoesNotContain("…", text.Body);
        Assert.Contains("AR-2026-00042", text.Body);
        Assert.Contains(Link.AbsoluteUri, text.Body);
        Assert.EndsWith("OK 4821", text.Body);
        // As long as two segments allow: one more character of summary would need a third.
        Assert.True(text.Count.Units > SmsSegments.Gsm7ConcatenatedSegment * 2 - 10, $"Only {text.Count.Units} septets used.");
    }

    [Fact]
    public void A_long_arabic_summary_is_shortened_with_an_ellipsis_character()
    {
        var summary = string.Concat(Enumerable.Repeat("فيضانات كبيرة في سهل الغرب وإجلاء آلاف السكان ", 6));

        var text = Templates(maxSegments: 3).StageNotice(Notice("ar", summary));

        Assert.True(text.SummaryShortened);
        Assert.True(text.WithinLimit);
        Assert.Equal(3, text.Count.Segments);
        Assert.Contains("…", text.Body);
        Assert.Contains(Link.AbsoluteUri, text.Body);
        Assert.Contains("OK 4821", text.Body);
    }

    [Fact]
    public void A_summary_with_a_character_outside_gsm7_makes_the_notice_ucs2_and_is_shortened_to_fit()
    {
        var summary = "Forêt en feu " + new string('x', 200);

        // Four segments: in three, the notice's fixed words (the zone named included) leave a UCS-2 summary no room.
        var text = Templates(maxSegments: 4).StageNotice(Notice("fr", summary));

        Assert.Equal(SmsEncoding.Ucs2, text.Count.Encoding);
        Assert.Equal(4, text.Count.Segments);
        Assert.True(text.SummaryShortened);
        Assert.Contains(": Forêt", text.Body);
        Assert.Contains("…", text.Body);
        Assert.Contains(Link.AbsoluteUri, text.Body);
        Assert.EndsWith("OK 4821", text.Body);
    }

    [Fact]
    public void Cutting_the_summary_before_its_only_character_outside_gsm7_keeps_the_notice_gsm7()
    {
        var summary = "Crue exceptionnelle dans la plaine du Gharb et le long de l'oued Sebou " + new string('x', 200) + " forêt";

        var text = Templates(maxSegments: 3).StageNotice(Notice("fr", summary));

        Assert.Equal(SmsEncoding.Gsm7, text.Count.Encoding);
        Assert.Equal(3, text.Count.Segments);
        Assert.Contains("l'oued Sebou xxx", text.Body);
        Assert.Contains("...", text.Body);
    }

    [Fact]
    public void When_even_no_summary_fits_the_notice_is_kept_whole_and_says_so()
    {
        var text = Templates(maxSegments: 1).StageNotice(Notice("ar", "فيضان"));

        Assert.False(text.WithinLimit);
        Assert.True(text.SummaryShortened);
        Assert.DoesNotContain("فيضان", text.Body);
        Assert.Contains(Link.AbsoluteUri, text.Body);
        Assert.Contains("OK 4821", text.Body);
        Assert.Contains("AR-2026-00042", text.Body);
    }

    [Fact]
    public void A_multi_line_summary_is_sent_on_one_line()
    {
        var text = Templates().StageNotice(Notice(summary: "Crue\r\n  de l'oued\tSebou  "));

        Assert.Contains(": Crue de l'oued Sebou.", text.Body);
    }

    [Fact]
    public void An_unknown_language_falls_back_to_french()
    {
        Assert.StartsWith("[URGENCE VITALE] Demande", Templates().StageNotice(Notice("de")).Body);
    }

    public static TheoryData<string> Languages => ["fr", "en", "ar"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_kind_of_sms_is_written_in_every_language_within_the_limit(string language)
    {
        var templates = Templates();
        var texts = new[]
        {
            templates.StageNotice(Notice(language)),
            templates.OperationsNotice(new OperationsNoticeSms(language, "AR-2026-00042", Urgency.Urgent, "MA-DGPC", "Crue de l'oued Sebou", Deadline, "Europe/Paris", Link, "4821")),
            templates.ExchangeNotice(new ExchangeNoticeSms(language, "AR-2026-00042", Urgency.Urgent, "MA-DGPC", "Crue de l'oued Sebou", false, Deadline, "Europe/Paris", Link, "4821")),
            templates.ExchangeNotice(new ExchangeNoticeSms(language, "AR-2026-00042", Urgency.Urgent, "MA-DGPC", "Crue de l'oued Sebou", true, null, "Europe/Paris", Link, "4821")),
            templates.Acknowledged(new AcknowledgedSms(language, "AR-2026-00042")),
            templates.Acknowledged(new AcknowledgedSms(language, "AR-2026-00042", "Salma Benali")),
            templates.Escalation(new EscalationSms(language, "AR-2026-00042", Urgency.LifeSafety, "Crue de l'oued Sebou", Link, "validation", TimeSpan.FromMinutes(45), "4821")),
            templates.DispatchOffer(new DispatchOfferSms(language, "AR-2026-00042", "high-capacity-pumping", "Crue de l'oued Sebou", "Sidi Kacem", "Caserne de Kénitra", Deadline, "Africa/Casablanca")),
            templates.DispatchAnswer(new DispatchAnswerSms(language, "AR-2026-00042", true, "Caserne de Kénitra", Deadline, "Africa/Casablanca")),
            templates.DispatchAnswer(new DispatchAnswerSms(language, "AR-2026-00042", false)),
            templates.NotUnderstood(new NotUnderstoodSms(language)),
        };

        Assert.All(texts, text =>
        {
            Assert.True(text.WithinLimit, $"Too long: {text.Body}");
            Assert.False(text.SummaryShortened, $"Shortened: {text.Body}");
            Assert.DoesNotContain("{", text.Body);
        });
        Assert.All(texts.Take(10), text => Assert.Contains("AR-2026-00042", text.Body));
    }

    public static TheoryData<string, string> PartyActions()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in new[]
        {
            AuditActions.Amended, AuditActions.ClosedToOffers, AuditActions.Closed, AuditActions.Cancelled, AuditActions.OfferAccepted,
            AuditActions.OfferPartiallyAccepted, AuditActions.OfferDeclined, AuditActions.OfferQuestionAsked, AuditActions.LineNoLongerNeeded,
            AuditActions.OfferWithdrawn,
        })
        {
            foreach (var language in new[] { "fr", "en", "ar" })
            {
                data.Add(action, language);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PartyActions))]
    public void A_party_is_told_of_each_act_in_its_language_within_the_limit_with_the_reference_and_the_link(string action, string language)
    {
        var text = Templates().PartyInformed(new PartyInformedSms(
            language, "AR-2026-00042", action, "Direction Générale de la Sécurité Civile et de la Gestion des Crises", "high-capacity-pumping", Link))!;

        Assert.True(text.WithinLimit, $"Too long: {text.Body}");
        Assert.Contains("AR-2026-00042", text.Body, StringComparison.Ordinal);
        Assert.EndsWith(Link.AbsoluteUri, text.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text.Body);
        if (language == "fr")
        {
            Assert.Equal(SmsEncoding.Gsm7, text.Count.Encoding);
        }
    }

    [Fact]
    public void Nobody_is_told_by_sms_of_an_act_that_has_no_text()
    {
        Assert.Null(Templates().PartyInformed(new PartyInformedSms("fr", "AR-2026-00042", AuditActions.OfferPrepared, "MA-DGPC", null, Link)));
    }

    [Fact]
    public void French_texts_use_only_gsm7_so_they_cost_160_characters_a_segment()
    {
        var templates = Templates();
        var texts = new[]
        {
            templates.StageNotice(Notice()),
            templates.OperationsNotice(new OperationsNoticeSms("fr", "AR-2026-00042", Urgency.Routine, "MA-DGPC", "Crue", Deadline, "Europe/Paris", Link, "4821")),
            templates.ExchangeNotice(new ExchangeNoticeSms("fr", "AR-2026-00042", Urgency.Routine, "MA-DGPC", "Crue", false, Deadline, "Europe/Paris", Link, "4821")),
            templates.ExchangeNotice(new ExchangeNoticeSms("fr", "AR-2026-00042", Urgency.Routine, "MA-DGPC", "Crue", true, null, "Europe/Paris", Link, "4821")),
            templates.Acknowledged(new AcknowledgedSms("fr", "AR-2026-00042")),
            templates.Acknowledged(new AcknowledgedSms("fr", "AR-2026-00042", "Salma Benali")),
            templates.Escalation(new EscalationSms("fr", "AR-2026-00042", Urgency.Urgent, "Crue", Link, "validation", TimeSpan.FromMinutes(75), "4821")),
            templates.DispatchAnswer(new DispatchAnswerSms("fr", "AR-2026-00042", true, "Caserne", Deadline, "Europe/Paris")),
            templates.DispatchAnswer(new DispatchAnswerSms("fr", "AR-2026-00042", false)),
            templates.NotUnderstood(new NotUnderstoodSms("fr")),
        };
        var offers = Catalogue.Capabilities.Select(code => templates.DispatchOffer(
            new DispatchOfferSms("fr", "AR-2026-00042", code, "Crue", "Sidi Kacem", "Caserne", Deadline, "Europe/Paris")));

        Assert.All(texts.Concat(offers), text => Assert.True(text.Count.Encoding == SmsEncoding.Gsm7, $"Not GSM-7: {text.Body}"));
    }

    [Theory]
    [InlineData("fr", "1 ou OUI", "2 ou NON", "pompage grande capacité")]
    [InlineData("en", "1 or YES", "2 or NO", "high-capacity pumping")]
    [InlineData("ar", "1 أو نعم", "2 أو لا", "الضخ عالي القدرة")]
    public void A_dispatch_offer_says_what_where_when_and_how_to_answer(string language, string accept, string decline, string capability)
    {
        var text = Templates().DispatchOffer(new DispatchOfferSms(
            language, "AR-2026-00042", "high-capacity-pumping", "Crue de l'oued Sebou", "Sidi Kacem", "Caserne de Kénitra", Deadline, "Africa/Casablanca"));

        Assert.Contains(accept, text.Body);
        Assert.Contains(decline, text.Body);
        Assert.Contains(capability, text.Body);
        Assert.Contains("Sidi Kacem", text.Body);
        Assert.Contains("Caserne de Kénitra", text.Body);
        Assert.Contains("16:30", text.Body);
    }

    [Fact]
    public void An_escalation_says_nobody_acknowledged_and_for_how_long()
    {
        var text = Templates().Escalation(new EscalationSms("en", "AR-2026-00042", Urgency.LifeSafety, "Flood", Link, "validation", TimeSpan.FromMinutes(125)));

        Assert.Equal("[LIFE SAFETY] ALERT AR-2026-00042: Flood - nobody acknowledged the notice (team validation) for 2 h 05. " + Link.AbsoluteUri, text.Body);
    }

    [Fact]
    public void The_workflow_texts_write_an_approved_request_notice_for_the_operations_desk()
    {
        var texts = new TemplatedSmsTexts(Templates());
        var model = new NoticeText(Domain.Notices.NoticeKind.AssistanceApproved, "AR-2026-00042", "urgent", "MA-DGPC", "Crue", null, "Europe/Paris", Link, "4821");

        var body = texts.Notice("en", model);

        Assert.Equal($"[URGENT] Request AR-2026-00042 from MA-DGPC approved: Crue. {Link.AbsoluteUri} To acknowledge, reply OK 4821", body);
        Assert.StartsWith("[URGENT] Request AR-2026-00042 from MA-DGPC awaits your approval", texts.Notice("en", model with { Kind = Domain.Notices.NoticeKind.StageApproval }));
    }
}
