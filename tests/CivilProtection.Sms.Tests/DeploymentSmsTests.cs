using CivilProtection.Application.Sms;
using CivilProtection.Domain.Requests;
using Microsoft.Extensions.Options;

namespace CivilProtection.Sms.Tests;

/// <summary>
/// The SMS of deployments: the estimated arrival a departure gives (a delay, or a clock time on the sender's
/// authority's clock, by NodaTime's tzdb), the chase of a late arrival, and the answers to status reports.
/// </summary>
public sealed class DeploymentSmsTests
{
    // 13:10 UTC on 7 December 2026: 14:10 in Madrid, 13:10 in Casablanca (UTC+0 since 2026-09-20 by tzdb 2026f).
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 13, 10, 0, TimeSpan.Zero);

    private static SmsTemplates Templates(int maxSegments = 3) => new(Options.Create(new SmsTextOptions { MaxSegments = maxSegments }));

    [Theory]
    [InlineData("+3h convoy of 2 trucks", 180)]
    [InlineData("+2h30", 150)]
    [InlineData("+90min", 90)]
    [InlineData("in 4 hours", 240)]
    [InlineData("dans 2 h par l a7", 120)]
    [InlineData("خلال 3 ساعات", 180)]
    [InlineData("بعد 45 دقيقة", 45)]
    public void A_delay_counts_from_now(string text, int minutes) =>
        Assert.Equal(Now.AddMinutes(minutes), ArrivalEstimates.Parse(text, Now, "Europe/Madrid"));

    [Theory]
    [InlineData("eta 18 30 convoi", "Europe/Madrid", 17, 30, 0)]
    [InlineData("18h30", "Europe/Madrid", 17, 30, 0)]
    [InlineData("9h", "Europe/Madrid", 8, 0, 1)]
    [InlineData("14 00", "Africa/Casablanca", 14, 0, 0)]
    [InlineData("13 00", "Africa/Casablanca", 13, 0, 1)]
    public void A_clock_time_is_the_next_time_the_sender_s_clock_shows_it(string text, string zone, int utcHour, int utcMinute, int days) =>
        Assert.Equal(new DateTimeOffset(2026, 12, 7 + days, utcHour, utcMinute, 0, TimeSpan.Zero), ArrivalEstimates.Parse(text, Now, zone));

    [Theory]
    [InlineData(null)]
    [InlineData("convoi de 3 camions")]
    [InlineData("+0h")]
    [InlineData("+200h")]
    [InlineData("25h")]
    public void Anything_else_gives_no_estimate(string? text) => Assert.Null(ArrivalEstimates.Parse(text, Now, "Europe/Madrid"));

    [Theory]
    [InlineData("fr", "ARRIVE une fois sur place")]
    [InlineData("en", "Reply ARRIVED once there")]
    [InlineData("ar", "أرسلوا وصلنا")]
    public void The_chase_names_the_reference_the_arrival_given_the_word_to_reply_and_the_code_within_the_segments(string language, string reply)
    {
        var sms = Templates().ArrivalOverdue(new ArrivalOverdueSms(language, "MA-2026-0042", Urgency.LifeSafety, new string('x', 600), Now,
            "Europe/Madrid", new Uri("https://cp.example.org/#/requests/r1"), "4821"));

        Assert.True(sms.WithinLimit, sms.Body);
        Assert.True(sms.SummaryShortened);
        Assert.Contains("MA-2026-0042", sms.Body, StringComparison.Ordinal);
        Assert.Contains(reply, sms.Body, StringComparison.Ordinal);
        Assert.Contains("OK 4821", sms.Body, StringComparison.Ordinal);
        Assert.Contains("14:10", sms.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "arrived-on-site", "statut \"arrivé sur place\" enregistré")]
    [InlineData("en", "returned", "status \"returned home\" recorded")]
    [InlineData("ar", "operating", "\"في العمل\"")]
    public void A_report_is_confirmed_in_the_sender_s_language(string language, string status, string expected)
    {
        var sms = Templates().StatusRecorded(new StatusRecordedSms(language, "MA-2026-0042", status));

        Assert.Contains(expected, sms.Body, StringComparison.Ordinal);
        Assert.Equal(1, sms.Count.Segments);
    }

    [Fact]
    public void A_refused_report_says_where_the_deployment_stands_and_a_departure_without_arrival_how_to_give_one()
    {
        Assert.Contains("\"parti\"", Templates().StatusRefused(new StatusRefusedSms("fr", "MA-2026-0042", "departed")).Body, StringComparison.Ordinal);
        Assert.Contains("DEPARTED +3h", Templates().StatusRefused(new StatusRefusedSms("en", "MA-2026-0042", null)).Body, StringComparison.Ordinal);
        // The example it gives is one the estimate reads.
        Assert.NotNull(ArrivalEstimates.Parse(ReplyGrammar.Normalize("+3h"), Now, "UTC"));
        Assert.NotNull(ArrivalEstimates.Parse(ReplyGrammar.Normalize("14:30"), Now, "UTC"));
    }
}
