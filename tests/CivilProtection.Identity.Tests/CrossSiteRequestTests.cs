using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Identity.Tests;

/// <summary>
/// The CSRF defence: state-changing calls take only <c>Content-Type: application/json</c>. A cross-site page can send
/// a form or a "simple" fetch (text/plain, form-urlencoded, multipart) with the victim's cookies, but not JSON without a
/// CORS preflight, which the app never answers with permission.
/// </summary>
public sealed class CrossSiteRequestTests(DevelopmentHost fixture) : IClassFixture<DevelopmentHost>
{
    private readonly TestHost _host = fixture.Host;

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_simple_cross_site_body_carrying_json_is_refused_and_files_nothing(string contentType)
    {
        var before = await CountRequestsAsync();
        using var body = new StringContent(RequestSamples.Flood().ToJsonString(), Encoding.UTF8);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await _host.ClientFor("ma-duty").PostAsync("/api/requests", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountRequestsAsync());
    }

    [Fact]
    public async Task A_text_plain_decision_is_refused_and_the_stage_stays_pending()
    {
        var dutyOfficer = _host.ClientFor("ma-duty");
        using var filed = await dutyOfficer.PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        using var decision = new StringContent("""{"decision":"approve"}""", Encoding.UTF8, "text/plain");
        using var response = await _host.ClientFor("ma-approver").PostAsync($"/api/requests/{id}/decisions", decision);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var view = (await dutyOfficer.GetFromJsonAsync<JsonObject>($"/api/requests/{id}"))!;
        Assert.Equal("pending", (string)view["stages"]![0]!["status"]!);
        Assert.Equal(1, (int)view["version"]!);
    }

    [Fact]
    public async Task A_cors_preflight_is_never_granted()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/requests");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await _host.ClientFor(null).SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "The app granted a cross-origin request.");
    }

    private async Task<int> CountRequestsAsync()
    {
        var table = new TableServiceClient(_host.Azurite.ConnectionString).GetTableClient(_host.TablePrefix + "Requests");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter: "RowKey eq 'snapshot'", select: ["PartitionKey"]))
        {
            count++;
        }
        return count;
    }
}
