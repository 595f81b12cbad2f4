using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Problems come in the caller's language (Accept-Language, q-values honoured, English otherwise) and carry stable
/// codes beside the words; a refused call changes nothing, whatever language it is refused in.
/// </summary>
public abstract class ProblemLanguageTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task Bad_fields_are_named_with_codes_and_worded_in_French()
    {
        var (problem, language) = await FileBadFormAsync("fr-FR,fr;q=0.9,en;q=0.5");

        Assert.Equal("fr", language);
        Assert.Equal("invalid-fields", (string)problem["code"]!);
        Assert.Equal("La demande comporte des champs invalides.", (string)problem["title"]!);
        Assert.Equal(["required"], Codes(problem, "incident.title"));
        Assert.Equal(["Ce champ est obligatoire."], Texts(problem, "incident.title"));
        Assert.Equal(["not-one-of"], Codes(problem, "urgency"));
        Assert.Equal("Choisissez parmi : life-safety, urgent, routine.", Texts(problem, "urgency").Single());
        Assert.Equal(["out-of-range"], Codes(problem, "capabilities[0].quantity"));
        Assert.Equal("10000", (string)problem["fieldArguments"]!["capabilities[0].quantity"]![0]!["max"]!);
        Assert.Equal(["not-a-phone"], Codes(problem, "contact.phone"));
        Assert.Equal(["in-the-past"], Codes(problem, "neededBy"));
        Assert.Equal(Fields(problem["errors"]!), Fields(problem["codes"]!));
    }

    [Fact]
    public async Task The_most_wanted_language_we_speak_wins_and_Arabic_is_one()
    {
        var (problem, language) = await FileBadFormAsync("de;q=1, en;q=0.3, ar-MA;q=0.8");

        Assert.Equal("ar", language);
        Assert.Equal("في الطلب حقول غير صحيحة.", (string)problem["title"]!);
        Assert.Equal(["required"], Codes(problem, "incident.title"));
        Assert.Equal(["هذا الحقل إلزامي."], Texts(problem, "incident.title"));
        Assert.Equal(["not-a-phone"], Codes(problem, "contact.phone"));
    }

    [Fact]
    public async Task A_caller_who_asks_for_no_language_we_speak_reads_English()
    {
        var (problem, language) = await FileBadFormAsync("de-DE, es;q=0.5");

        Assert.Equal("en", language);
        Assert.Equal(["This field is required."], Texts(problem, "incident.title"));
    }

    [Fact]
    public async Task A_decision_on_a_stale_version_is_refused_in_French_and_changes_nothing()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));
        var approver = fixture.As("ma-approver");
        var before = await approver.GetRequestAsync(id);

        using var stale = await SendAsync(approver, HttpMethod.Post, $"/api/requests/{id}/decisions",
            new JsonObject { ["decision"] = "approve", ["version"] = 7 }, "fr");

        var problem = await Api.ProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("stale-version", (string)problem["code"]!);
        Assert.Equal("7", (string)problem["arguments"]!["version"]!);
        Assert.Equal(before["version"]!.ToString(), (string)problem["arguments"]!["current"]!);
        Assert.Equal("La demande a changé entre-temps.", (string)problem["title"]!);
        Assert.Equal($"Elle a changé depuis que vous l'avez consultée (version 7, désormais {before["version"]}) ; rechargez-la et recommencez.", (string)problem["detail"]!);
        var after = await approver.GetRequestAsync(id);
        Assert.Equal(((int)before["version"]!, "pending"), ((int)after["version"]!, (string)after["stages"]![0]!["status"]!));
    }

    [Fact]
    public async Task A_refusal_carries_its_code_and_a_body_that_is_not_json_is_refused_in_Arabic()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = new StringContent("{", Encoding.UTF8, "text/plain") };
        request.Headers.AcceptLanguage.ParseAdd("ar");

        using var response = await fixture.As("ma-duty").SendAsync(request);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("not-json", (string)problem["code"]!);
        Assert.Equal("أرسل JSON.", (string)problem["title"]!);
    }

    // Files a form with bad fields, checks nothing was stored, and gives the problem and the language it is in.
    private async Task<(JsonObject Problem, string Language)> FileBadFormAsync(string acceptLanguage)
    {
        var before = await StoredRequests.CountAsync(fixture.Host);
        using var response = await SendAsync(fixture.As("ma-duty"), HttpMethod.Post, "/api/requests", BadForm(), acceptLanguage);
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await StoredRequests.CountAsync(fixture.Host));
        return (problem, response.Content.Headers.ContentLanguage.Single());
    }

    private static JsonObject BadForm()
    {
        var form = RequestSamples.Flood();
        form["incident"]!["title"] = "";
        form["urgency"] = "whenever";
        form["capabilities"]![0]!["quantity"] = 0;
        form["contact"]!["phone"] = "06 12 34 56 78";
        form["neededBy"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        return form;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, JsonNode body, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        return await client.SendAsync(request);
    }

    private static string[] Codes(JsonObject problem, string field) => Strings(problem["codes"]![field]);

    private static string[] Texts(JsonObject problem, string field) => Strings(problem["errors"]![field]);

    private static string[] Strings(JsonNode? array) => Assert.IsType<JsonArray>(array).Select(n => (string)n!).ToArray();

    private static string[] Fields(JsonNode members) => members.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
}

public sealed class ProblemLanguageTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : ProblemLanguageTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class ProblemLanguageTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : ProblemLanguageTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
