using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// <c>GET /api/requests</c> over real HTTP: a page at a time, newest filing first, the next page behind the
/// <c>Link</c> header, filters applied by the server, each bad parameter named, and each authority seeing only its own.
/// </summary>
public abstract class ListPagingTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    private const string Spain = "ES-DGPCE";
    private const string Portugal = "PT-ANEPC";
    private const string France = "FR-DGSCGC";

    [Fact]
    public async Task Spain_reads_more_than_a_page_by_following_the_link_filters_on_the_server_and_each_partner_sees_only_its_own()
    {
        var spain = fixture.As("es-duty");
        // Seven to Portugal (every third a wildfire), five to France (routine): twelve filings in order.
        var filed = new List<JsonObject>();
        for (var i = 0; i < 12; i++)
        {
            var form = RequestSamples.Flood(assisting: i < 7 ? Portugal : France, urgency: i < 7 ? "life-safety" : "routine");
            if (i < 7 && i % 3 == 0)
            {
                form["incident"]!["type"] = "wildfire";
            }
            filed.Add(await spain.FileAsync(form));
        }
        var newestFirst = filed.Select(Api.Id).Reverse().ToList();
        await WaitUntilListedAsync(spain, 12);

        // Pages of five: 5, 5, 2, each request once, newest filing first; no link after the last.
        var pages = await AllPagesAsync(spain, "/api/requests?pageSize=5");
        Assert.Equal([5, 5, 2], pages.Select(p => p.Count));
        Assert.Equal(newestFirst, pages.SelectMany(p => p).Select(e => (string)e["requestId"]!));

        // The default page holds 50; the server filters, and the link keeps the filters.
        Assert.Equal(12, (await spain.GetArrayAsync("/api/requests")).Count);
        Assert.Equal(newestFirst.Skip(5), await IdsAsync(spain, "/api/requests?party=PT-ANEPC&pageSize=3"));
        Assert.Equal(newestFirst.Take(5), await IdsAsync(spain, "/api/requests?party=FR-DGSCGC"));
        Assert.Equal(newestFirst.Take(5), await IdsAsync(spain, "/api/requests?urgency=routine&pageSize=2"));
        var wildfires = new[] { 6, 3, 0 }.Select(i => Api.Id(filed[i])).ToList();
        Assert.Equal(wildfires, await IdsAsync(spain, "/api/requests?incidentType=wildfire&pageSize=1"));
        Assert.Equal(newestFirst, await IdsAsync(spain, "/api/requests?status=pending-approval,returned-for-information&pageSize=7"));
        Assert.Empty(await IdsAsync(spain, "/api/requests?status=approved&status=closed"));
        var reference = (string)filed[4]["reference"]!;
        Assert.Equal([Api.Id(filed[4])], await IdsAsync(spain, $"/api/requests?reference={reference.ToLowerInvariant()}"));
        Assert.Equal(newestFirst, await IdsAsync(spain, $"/api/requests?reference={reference[..7]}&pageSize=4"));
        var fifthFiledAt = Uri.EscapeDataString((string)filed[5]["filedAt"]!);
        Assert.Equal(newestFirst.Take(7), await IdsAsync(spain, $"/api/requests?filedFrom={fifthFiledAt}&pageSize=4"));
        Assert.Equal(newestFirst.Skip(7), await IdsAsync(spain, $"/api/requests?filedBefore={fifthFiledAt}"));
        Assert.Empty(await IdsAsync(spain, "/api/requests?filedBefore=2020-01-01"));

        // Portugal sees the seven asked of it, France the five, Morocco none: the list is the caller's authority's.
        await WaitUntilListedAsync(fixture.As("pt-approver"), 7);
        Assert.Equal(newestFirst.Skip(5), await IdsAsync(fixture.As("pt-approver"), "/api/requests?pageSize=2"));
        await WaitUntilListedAsync(fixture.As("fr-duty"), 5);
        Assert.Equal(newestFirst.Take(5), await IdsAsync(fixture.As("fr-duty"), "/api/requests?party=ES-DGPCE&pageSize=2"));
        Assert.Empty(await IdsAsync(fixture.As("ma-duty"), "/api/requests?party=ES-DGPCE"));

        // A continuation belongs to its authority and its filters: Portugal cannot use Spain's, nor Spain with other filters.
        var next = NextLink(await FirstPageAsync(spain, "/api/requests?pageSize=5"))!;
        var token = Uri.UnescapeDataString(next[(next.IndexOf("continuation=", StringComparison.Ordinal) + "continuation=".Length)..]);
        await ExpectBadAsync(fixture.As("pt-approver"), $"/api/requests?pageSize=5&continuation={Uri.EscapeDataString(token)}", "continuation");
        await ExpectBadAsync(spain, $"/api/requests?pageSize=5&urgency=routine&continuation={Uri.EscapeDataString(token)}", "continuation");
        await ExpectBadAsync(spain, $"/api/requests?pageSize=5&continuation={Uri.EscapeDataString(token[..^2])}", "continuation");
        await ExpectBadAsync(spain, "/api/requests?continuation=not-a-token", "continuation");

        // Spain's validators' inbox in pages too: the life-safety filings first, then the routine ones, oldest first in each.
        var approver = fixture.As("es-approver");
        foreach (var request in filed)
        {
            await approver.WaitForInboxItemAsync(Api.Id(request), 0);
        }
        var inbox = await AllPagesAsync(approver, "/api/approvals?pageSize=5");
        Assert.Equal([5, 5, 2], inbox.Select(p => p.Count));
        Assert.Equal(filed.Select(Api.Id), inbox.SelectMany(p => p).Select(e => (string)e["requestId"]!));
        var inboxNext = NextLink(await FirstPageAsync(approver, "/api/approvals?pageSize=5"))!;
        await ExpectBadAsync(fixture.As("pt-approver"), inboxNext, "continuation");
        await ExpectBadAsync(approver, "/api/approvals?pageSize=200", "pageSize");
    }

    [Fact]
    public async Task Every_bad_parameter_is_named_in_one_problem()
    {
        using var response = await fixture.As("ma-duty").GetAsync(
            "/api/requests?pageSize=101&status=pending-approval,lost&urgency=soon&incidentType=meteor&party=XX-NONE&filedFrom=yesterday&filedBefore=2026-13-01&reference=AR%2F2026");
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(
            new[] { "filedBefore", "filedFrom", "incidentType", "pageSize", "party", "reference", "status", "urgency" },
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        await ExpectBadAsync(fixture.As("ma-duty"), "/api/requests?pageSize=0", "pageSize");
        await ExpectBadAsync(fixture.As("ma-duty"), "/api/requests?pageSize=ten", "pageSize");
        await ExpectBadAsync(fixture.As("ma-duty"), "/api/requests?filedFrom=2026-02-01&filedBefore=2026-01-01", "filedBefore");
        await ExpectBadAsync(fixture.As("ma-duty"), "/api/requests?filedFrom=2026-02-01T10:00", "filedFrom");
        // A time with its offset, with or without seconds and fractions, is a time.
        foreach (var time in new[] { "2026-02-01T10:00:00Z", "2026-02-01T10:00:00.5%2B01:00", "2026-02-01T10:00Z", "2026-02-01T10:00:00-03:00" })
        {
            await fixture.As("ma-duty").GetArrayAsync($"/api/requests?filedFrom={time}&filedBefore=2030-01-01");
        }
    }

    private static async Task ExpectBadAsync(HttpClient client, string path, string field)
    {
        using var response = await client.GetAsync(path);
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{path}: {problem}");
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path) =>
        (await AllPagesAsync(client, path)).SelectMany(p => p).Select(e => (string)e["requestId"]!).ToList();

    // Follows each page's Link rel="next" until a page has none; a page never holds more than asked.
    private static async Task<List<List<JsonObject>>> AllPagesAsync(HttpClient client, string path)
    {
        var pages = new List<List<JsonObject>>();
        string? next = path;
        while (next is not null)
        {
            using var response = await FirstPageAsync(client, next);
            var page = (await response.Content.ReadFromJsonAsync<JsonArray>())!.OfType<JsonObject>().ToList();
            pages.Add(page);
            next = NextLink(response);
            Assert.True(pages.Count < 50, "The links never end.");
        }
        return pages;
    }

    private static async Task<HttpResponseMessage> FirstPageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return response;
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }
        var link = Assert.Single(links);
        Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Matches("^</api/(requests|approvals)\\?", link);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }

    private static async Task WaitUntilListedAsync(HttpClient client, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while ((await client.GetArrayAsync("/api/requests?pageSize=100")).Count < count)
        {
            Assert.True(DateTime.UtcNow < until, $"The list never reached {count} requests.");
            await Task.Delay(50);
        }
    }
}

public sealed class ListPagingTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : ListPagingTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class ListPagingTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : ListPagingTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
