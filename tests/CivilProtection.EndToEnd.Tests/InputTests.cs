using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>Bad input is refused with a problem naming every bad field, and nothing is stored.</summary>
public abstract class InputTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_stored()
    {
        var before = await StoredRequests.CountAsync(fixture.Host);
        var form = RequestSamples.Flood();
        form["incident"]!["title"] = "";
        form["incident"]!["type"] = "alien-invasion";
        form["urgency"] = "whenever";
        form["capabilities"]![0]!["quantity"] = 0;
        form["capabilities"]![1]!["code"] = "teleporter";
        form["contact"]!["phone"] = "06 12 34 56 78";
        form["contact"]!["email"] = "not-an-email";
        form["neededBy"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        form["language"] = "de";
        form["incident"]!["coordinates"]!["latitude"] = 123.0;

        using var response = await fixture.As("ma-duty").PostJsonAsync("/api/requests", form);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem["errors"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "incident.title", "incident.type", "urgency", "capabilities[0].quantity", "capabilities[1].code",
            "contact.phone", "contact.email", "neededBy", "language", "incident.coordinates.latitude",
        }, fields);
        Assert.Equal(before, await StoredRequests.CountAsync(fixture.Host));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_field_error()
    {
        var form = RequestSamples.Flood();
        form["capabilities"]![0]!["quantity"] = "lots";

        using var response = await fixture.As("ma-duty").PostJsonAsync("/api/requests", form);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["capabilities[0].quantity"]);
    }

    [Fact]
    public async Task A_number_sent_as_text_is_refused_naming_the_field()
    {
        var before = await StoredRequests.CountAsync(fixture.Host);
        var form = RequestSamples.Flood();
        form["capabilities"]![0]!["quantity"] = "2";

        using var response = await fixture.As("ma-duty").PostJsonAsync("/api/requests", form);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["capabilities[0].quantity"]);
        Assert.Equal(before, await StoredRequests.CountAsync(fixture.Host));
    }

    [Theory]
    [InlineData("incident.title", "Crue\\u0000 du Sebou")]
    [InlineData("incident.description", "Sirène\\u0007 sur la digue")]
    [InlineData("contact.name", "Salma\\u001b[31m")]
    [InlineData("incident.place", "Kénitra\\u0085")]
    public async Task A_control_character_in_a_text_is_refused_naming_the_field(string field, string jsonText)
    {
        var before = await StoredRequests.CountAsync(fixture.Host);
        var form = RequestSamples.Flood();
        var (parent, name) = (field.Split('.')[0], field.Split('.')[1]);
        form[parent]![name] = "PLACEHOLDER";
        var body = form.ToJsonString().Replace("\"PLACEHOLDER\"", $"\"{jsonText}\"", StringComparison.Ordinal);

        using var response = await fixture.As("ma-duty").PostAsync("/api/requests", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("control character", problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredRequests.CountAsync(fixture.Host));
    }

    [Fact]
    public async Task Line_breaks_and_tabs_are_text_and_every_answer_says_nosniff()
    {
        var form = RequestSamples.Flood();
        form["incident"]!["description"] = "Digue rompue.\nQuartiers inondés :\tSidi Taibi, Mehdia.\r\nÉvacuation en cours.";

        using var filed = await fixture.As("ma-duty").PostJsonAsync("/api/requests", form);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal("nosniff", filed.Headers.GetValues("X-Content-Type-Options").Single());
        using var refused = await fixture.As("ma-duty").PostAsync("/api/requests", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
        using var list = await fixture.As("ma-duty").GetAsync("/api/requests");
        Assert.Equal("nosniff", list.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_unknown_assisting_authority_or_one_without_route_is_refused()
    {
        using var unknown = await fixture.As("ma-duty").PostJsonAsync("/api/requests", RequestSamples.Flood(assisting: "XX-NONE"));
        Assert.NotNull((await Api.ProblemAsync(unknown, HttpStatusCode.BadRequest))["errors"]!["assistingAuthorityId"]);
        using var noRoute = await fixture.As("tn-duty").PostJsonAsync("/api/requests", RequestSamples.Flood(assisting: "FR-DGSCGC"));
        Assert.NotNull((await Api.ProblemAsync(noRoute, HttpStatusCode.BadRequest))["errors"]!["assistingAuthorityId"]);
        using var itself = await fixture.As("ma-duty").PostJsonAsync("/api/requests", RequestSamples.Flood(assisting: "MA-DGPC"));
        Assert.NotNull((await Api.ProblemAsync(itself, HttpStatusCode.BadRequest))["errors"]!["assistingAuthorityId"]);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_and_an_oversized_body_a_413()
    {
        var before = await StoredRequests.CountAsync(fixture.Host);
        var client = fixture.As("ma-duty");
        using var malformed = await client.PostAsync("/api/requests", new StringContent("{\"incident\": ", Encoding.UTF8, "application/json"));
        await Api.ProblemAsync(malformed, HttpStatusCode.BadRequest);

        var huge = RequestSamples.Flood();
        huge["incident"]!["description"] = new string('x', 200_000);
        using var oversized = await client.PostJsonAsync("/api/requests", huge);
        await Api.ProblemAsync(oversized, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StoredRequests.CountAsync(fixture.Host));
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_idempotency_key_returns_the_first_request()
    {
        var client = fixture.As("ma-duty");
        var key = Guid.NewGuid().ToString();
        var form = RequestSamples.Flood();

        var first = await client.FileAsync(form, key);
        using var retry = await client.PostJsonAsync("/api/requests", form, key);
        await Api.ExpectAsync(retry, HttpStatusCode.Created);
        var second = JsonNode.Parse(await retry.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(Api.Id(first), Api.Id(second));
        Assert.Equal((string)first["reference"]!, (string)second["reference"]!);
        Assert.Equal($"/api/requests/{Api.Id(first)}", retry.Headers.Location!.OriginalString);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        await client.WaitForListedStatusAsync(Api.Id(first), "pending-approval");
        var listed = await client.GetArrayAsync("/api/requests");
        Assert.Single(listed, e => (string)e!["reference"]! == (string)first["reference"]!);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_create_one_request()
    {
        var client = fixture.As("fr-duty");
        var key = Guid.NewGuid().ToString();
        var form = RequestSamples.Flood(assisting: "MA-DGPC");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostJsonAsync("/api/requests", form, key)));

        var ids = new HashSet<string>();
        foreach (var r in responses)
        {
            await Api.ExpectAsync(r, HttpStatusCode.Created);
            ids.Add(Api.Id(JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject()));
            r.Dispose();
        }
        Assert.Single(ids);
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_another_body_is_refused()
    {
        var client = fixture.As("ma-duty");
        var key = Guid.NewGuid().ToString();
        await client.FileAsync(RequestSamples.Flood(urgency: "urgent"), key);

        using var other = await client.PostJsonAsync("/api/requests", RequestSamples.Flood(urgency: "routine"), key);

        await Api.ProblemAsync(other, HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class InputTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : InputTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class InputTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : InputTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
