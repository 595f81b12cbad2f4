using System.Net;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// An authority's requests as a CSV file over real HTTP: every request the list's filters select (not a page), one
/// line each, quoted and with formulas defused as spreadsheets need; nobody else's requests; a bad format named.
/// </summary>
public abstract class RequestExportTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task The_export_holds_every_selected_request_of_the_authority_and_defuses_formulas()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var filed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var form = RequestSamples.Flood();
            form["incident"]!["title"] = i == 0 ? $"=HYPERLINK(\"x\"), crue {marker}" : $"Crue {marker} n°{i}";
            filed.Add(Api.Id(await fixture.As("ma-duty").FileAsync(form)));
        }

        // The list is kept from the outbox, a moment after each filing is answered.
        string[] lines = [];
        await Eventually.TrueAsync(async () =>
        {
            lines = await fixture.As("ma-duty").CsvLinesAsync("/api/requests?format=csv&status=pending-approval&pageSize=1");
            return filed.All(id => lines.Any(l => l.Contains(id, StringComparison.Ordinal)));
        }, "the three filings listed in the export");
        Assert.Equal("reference,requestId,title,incidentType,urgency,status,requestingAuthorityId,assistingAuthorityIds,filedAt,updatedAt", lines[0]);
        // pageSize=1 does not cut the file: all three are in it, each on its line, with its status and parties.
        foreach (var id in filed)
        {
            var line = Assert.Single(lines, l => l.Contains(id, StringComparison.Ordinal));
            Assert.Contains(",pending-approval,MA-DGPC,FR-DGSCGC,", line, StringComparison.Ordinal);
        }
        Assert.Contains(lines, l => l.Contains($"\"'=HYPERLINK(\"\"x\"\"), crue {marker}\"", StringComparison.Ordinal));

        Assert.DoesNotContain(await fixture.As("es-duty").CsvLinesAsync("/api/requests?format=csv"), l => l.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_format_or_filter_is_named_and_an_anonymous_caller_is_refused()
    {
        using var format = await fixture.As("ma-duty").GetAsync("/api/requests?format=xlsx");
        Assert.Equal(["format"], (await Api.ProblemAsync(format, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        using var filter = await fixture.As("ma-duty").GetAsync("/api/requests?format=csv&urgency=soon");
        Assert.Equal(["urgency"], (await Api.ProblemAsync(filter, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        using var anonymous = await fixture.As(null).GetAsync("/api/requests?format=csv");
        await Api.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }
}

public sealed class RequestExportTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : RequestExportTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class RequestExportTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : RequestExportTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
