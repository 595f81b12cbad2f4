using System.Net;
using System.Text;
using CivilProtection.Application.Rosters;

namespace CivilProtection.Rosters.Tests;

public sealed class ImportApiTests(RostersHost host) : IClassFixture<RostersHost>
{
    [Fact]
    public async Task A_people_file_from_a_french_spreadsheet_is_stored_line_by_line()
    {
        using var coordinator = host.ClientFor("fr-coordinator");
        const string csv = "\uFEFFPerson ID;Name;Mobile;Language;Roles;Skills\r\n"
            + "fr-imp-01;\"Durand; Léa\";+33612009001;fr;responder;flood-rescue-boats|high-capacity-pumping\r\n"
            + "fr-imp-02;Yassine Amrani;+33612009002;AR;responder approver;shelter\r\n"
            + "\r\n"
            + "fr-imp-03;Grace Miller;+33612009003;en;duty-officer;\r\n";

        var result = await coordinator.PostCsvAsync("/api/people/import", csv).OkJsonAsync();
        var lea = await host.Service<IPeople>().FindByMobileAsync("+33612009001", CancellationToken.None);
        var yassine = await host.Service<IPeople>().FindAsync("fr-imp-02", CancellationToken.None);

        Assert.Equal(3, (int)result["lines"]!);
        Assert.Equal(3, (int)result["created"]!);
        Assert.Equal("Durand; Léa", lea?.Name);
        Assert.Equal(["flood-rescue-boats", "high-capacity-pumping"], lea!.Skills);
        Assert.Equal("ar", yassine?.Language);
        Assert.Equal(["responder", "approver"], yassine!.Roles);
    }

    [Fact]
    public async Task Every_bad_line_is_reported_with_its_number_and_nothing_is_stored()
    {
        using var coordinator = host.ClientFor("fr-coordinator");
        const string csv = "personId,name,mobile,language,roles,skills\n"
            + "fr-imp-10,Valid Person,+33612009010,fr,responder,shelter\n"
            + "fr-imp-11,Bad Number,0612009011,fr,responder,shelter\n"
            + "fr-imp-12,Bad Language,+33612009012,de,responder,shelter\n"
            + "fr-imp-10,Same Id,+33612009013,fr,responder,shelter\n"
            + "fr-imp-14,Same Number,+33612009010,fr,responder,shelter\n"
            + "fr-imp-15,Taken Number,+33612000102,fr,responder,shelter\n"
            + "fr-imp-16,\"Broken \"quote\",+33612009016,fr,responder,shelter\n";

        var problem = await coordinator.PostCsvAsync("/api/people/import", csv).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(
            ["line 3.mobile", "line 4.language", "line 5.personId", "line 6.mobile", "line 7.mobile", "line 8"],
            problem.Fields());
        Assert.Null(await host.Service<IPeople>().FindAsync("fr-imp-10", CancellationToken.None));
    }

    [Fact]
    public async Task A_header_with_unknown_or_missing_columns_is_refused()
    {
        using var coordinator = host.ClientFor("fr-coordinator");

        var problem = await coordinator.PostCsvAsync("/api/people/import", "personId,name,phone,language\nfr-imp-20,A,+33612009020,fr\n").ProblemAsync(HttpStatusCode.BadRequest);
        var empty = await coordinator.PostCsvAsync("/api/people/import", "").ProblemAsync(HttpStatusCode.BadRequest);

        var messages = problem["errors"]!["line 1"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Contains(messages, m => m.Contains("'phone'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("mobile is missing", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("roles is missing", StringComparison.Ordinal));
        Assert.Equal(["file"], empty.Fields());
    }

    [Fact]
    public async Task An_import_must_be_csv_of_bounded_size_sent_by_a_coordinator_or_admin()
    {
        using var coordinator = host.ClientFor("fr-coordinator");
        using var approver = host.ClientFor("fr-approver");
        const string csv = "personId,name,mobile,language,roles\nfr-imp-30,A,+33612009030,fr,responder\n";

        await coordinator.PostCsvAsync("/api/people/import", csv, "text/plain").ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await coordinator.PostCsvAsync("/api/people/import", csv, "application/json").ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await coordinator.PostCsvAsync("/api/people/import", csv + new string('#', 300 * 1024)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await approver.PostCsvAsync("/api/people/import", csv).ProblemAsync(HttpStatusCode.Forbidden);
        await coordinator.PostAsync("/api/people/import", new ByteArrayContent([0x70, 0xC3, 0x28]) { Headers = { { "Content-Type", "text/csv" } } })
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Null(await host.Service<IPeople>().FindAsync("fr-imp-30", CancellationToken.None));
    }

    [Fact]
    public async Task A_shifts_file_replaces_the_roster_or_is_appended_to_it()
    {
        using var admin = host.ClientFor("fr-admin");

        var replaced = await admin.PostCsvAsync("/api/rosters/operations/import",
            "personId,tier,start,end\n"
            + "fr-duty,1,2026-10-24T20:00,2026-10-25T08:00\n"
            + "fr-duty-2,2,2026-10-24 20:00,2026-10-25 08:00\n").OkJsonAsync();
        var appended = await admin.PostCsvAsync("/api/rosters/operations/import?mode=append",
            "personId,tier,start,end\nfr-coordinator,2,2026-10-25T08:00,2026-10-25T20:00\n").OkJsonAsync();

        Assert.Equal(2, replaced["shifts"]!.AsArray().Count);
        // Paris falls back at 03:00 on 2026-10-25: the night shift lasts 13 real hours.
        var night = replaced["shifts"]![0]!;
        Assert.Equal(TimeSpan.FromHours(13), (DateTimeOffset)night["endsAt"]! - (DateTimeOffset)night["startsAt"]!);
        Assert.Equal(["fr-duty", "fr-duty-2", "fr-coordinator"], appended["shifts"]!.AsArray().Select(s => (string)s!["personId"]!));
    }

    [Fact]
    public async Task Every_bad_shift_line_is_reported_and_the_roster_is_unchanged()
    {
        using var admin = host.ClientFor("fr-admin");
        var before = await admin.GetAsync("/api/rosters/acceptance").OkJsonAsync();

        var problem = await admin.PostCsvAsync("/api/rosters/acceptance/import",
            "personId,tier,start,end\n"
            + "fr-approver,1,2026-06-01T08:00,2026-06-01T20:00\n"
            + "fr-approver,1,2026-06-01T20:00,2026-06-01T08:00\n"
            + "ma-approver,1,2026-06-01T08:00,2026-06-01T20:00\n"
            + "fr-approver,one,2026-06-01T08:00,2026-06-01T20:00\n"
            + "fr-approver,2,01/06/2026 08:00,2026-06-01T20:00\n").ProblemAsync(HttpStatusCode.BadRequest);
        var after = await admin.GetAsync("/api/rosters/acceptance").OkJsonAsync();

        Assert.Equal(["line 3.end", "line 4.personId", "line 5.tier", "line 6.start"], problem.Fields());
        Assert.Equal((string)before["version"]!, (string)after["version"]!);
    }

    [Fact]
    public async Task An_unknown_import_mode_is_a_field_error()
    {
        using var admin = host.ClientFor("fr-admin");

        var problem = await admin.PostCsvAsync("/api/rosters/acceptance/import?mode=merge", "personId,tier,start,end\n").ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["mode"], problem.Fields());
    }

    [Fact]
    public async Task The_csv_size_limit_is_checked_before_reading_the_whole_body()
    {
        using var admin = host.ClientFor("fr-admin");
        var big = Encoding.UTF8.GetBytes("personId,tier,start,end\n" + new string('x', 512 * 1024));

        await admin.PostAsync("/api/rosters/acceptance/import", new ByteArrayContent(big) { Headers = { { "Content-Type", "text/csv" } } })
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
