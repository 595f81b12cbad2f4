using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The directory administered over real HTTP across four authorities: platform administrators run authorities and
/// partnerships, each authority's admins its people and its own side's stages, nobody another authority's; bad input
/// stores nothing, a stale version is 409, every change is on the audit trail.
/// </summary>
public abstract class DirectoryAdministrationTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    private const string Platform = "platform-admin";

    private static JsonObject AuthorityForm(string country = "IT", string zone = "Europe/Rome") => new()
    {
        ["country"] = country,
        ["name"] = "Dipartimento della Protezione Civile",
        ["names"] = new JsonObject { ["fr"] = "Département de la protection civile", ["en"] = "Civil Protection Department", ["ar"] = "إدارة الحماية المدنية" },
        ["languages"] = new JsonArray("en", "fr"),
        ["timeZone"] = zone,
        ["contactTeam"] = "operations",
    };

    private static JsonArray Stages(string name, string group) => new(new JsonObject
    {
        ["name"] = name,
        ["approverGroup"] = group,
        ["deadlines"] = new JsonObject { ["lifeSafety"] = "01:00:00", ["urgent"] = "04:00:00", ["routine"] = "1.00:00:00" },
    });

    [Fact]
    public async Task Only_a_platform_administrator_creates_an_authority_and_a_repeat_changes_nothing()
    {
        foreach (var user in new[] { "fr-admin", "es-admin", "ma-duty" })
        {
            using var refused = await fixture.As(user).PutAsJsonAsync("/api/directory/authorities/IT-DPC", AuthorityForm());
            await Api.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        using var created = await fixture.As(Platform).PutAsJsonAsync("/api/directory/authorities/IT-DPC", AuthorityForm());
        await Api.ExpectAsync(created, HttpStatusCode.OK);
        var first = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Europe/Rome", (string)first["value"]!["timeZone"]!);

        var repeat = AuthorityForm();
        repeat["version"] = (string)first["version"]!;
        using var again = await fixture.As(Platform).PutAsJsonAsync("/api/directory/authorities/IT-DPC", repeat);
        await Api.ExpectAsync(again, HttpStatusCode.OK);
        Assert.Equal((string)first["version"]!, (string)(await again.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);

        var audit = await fixture.As(Platform).GetArrayAsync("/api/directory/audit");
        Assert.Single(audit, e => (string)e!["entityId"]! == "IT-DPC");
    }

    [Fact]
    public async Task Bad_input_names_every_field_and_stores_nothing()
    {
        var form = AuthorityForm(country: "XX", zone: "Europe/Atlantis");
        form["names"]!.AsObject().Remove("ar");
        form["languages"] = new JsonArray("es");
        form["contactTeam"] = "Ops Team";
        using var response = await fixture.As(Platform).PutAsJsonAsync("/api/directory/authorities/XX-BAD", form);
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "id", "country", "names.ar", "languages[0]", "timeZone", "contactTeam" })
        {
            Assert.True(errors.ContainsKey(field), $"{field} is not named in {errors.ToJsonString()}");
        }
        using var missing = await fixture.As(Platform).GetAsync("/api/directory/authorities/XX-BAD");
        await Api.ProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.DoesNotContain(await fixture.As(Platform).GetArrayAsync("/api/directory/audit"), e => (string)e!["entityId"]! == "XX-BAD");
    }

    [Fact]
    public async Task A_stale_version_is_409_and_changes_nothing()
    {
        using var created = await fixture.As(Platform).PutAsJsonAsync("/api/directory/authorities/GR-GSCP", AuthorityForm("GR", "Europe/Athens"));
        var first = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var edit = AuthorityForm("GR", "Europe/Athens");
        edit["name"] = "General Secretariat for Civil Protection";
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/directory/authorities/GR-GSCP") { Content = JsonContent.Create(edit) };
        request.Headers.TryAddWithoutValidation("If-Match", (string)first["version"]!);
        using var ok = await fixture.As(Platform).SendAsync(request);
        await Api.ExpectAsync(ok, HttpStatusCode.OK);

        var stale = AuthorityForm("GR", "Europe/Athens");
        stale["name"] = "Something else";
        stale["version"] = (string)first["version"]!;
        using var conflict = await fixture.As(Platform).PutAsJsonAsync("/api/directory/authorities/GR-GSCP", stale);
        await Api.ProblemAsync(conflict, HttpStatusCode.Conflict);
        var now = await fixture.As(Platform).GetFromJsonAsync<JsonObject>("/api/directory/authorities/GR-GSCP");
        Assert.Equal("General Secretariat for Civil Protection", (string)now!["value"]!["name"]!);
    }

    [Fact]
    public async Task Each_side_s_admins_edit_only_their_own_stages()
    {
        const string path = "/api/directory/partnerships/ES-DGPCE/PT-ANEPC";
        var current = await fixture.As("es-admin").GetFromJsonAsync<JsonObject>(path);

        // The assisting side's admin, another authority's admin, a non-admin: none may edit the requesting side.
        foreach (var user in new[] { "pt-admin", "fr-admin", "es-duty" })
        {
            using var refused = await fixture.As(user).PutAsJsonAsync($"{path}/stages/request", new JsonObject { ["stages"] = Stages("validation", "es-duty-desk"), ["version"] = (string)current!["version"]! });
            await Api.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        using var own = await fixture.As("es-admin").PutAsJsonAsync($"{path}/stages/request", new JsonObject { ["stages"] = Stages("validation", "es-validators"), ["version"] = (string)current!["version"]! });
        await Api.ExpectAsync(own, HttpStatusCode.OK);
        var afterRequest = (await own.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("es-validators", (string)afterRequest["value"]!["requestStages"]![0]!["approverGroup"]!);
        Assert.Equal("acceptance", (string)afterRequest["value"]!["offerStages"]![0]!["approverGroup"]!);

        using var refusedOffer = await fixture.As("es-admin").PutAsJsonAsync($"{path}/stages/offer", new JsonObject { ["stages"] = Stages("acceptance", "x"), ["version"] = (string)afterRequest["version"]! });
        await Api.ProblemAsync(refusedOffer, HttpStatusCode.Forbidden);
        using var offer = await fixture.As("pt-admin").PutAsJsonAsync($"{path}/stages/offer", new JsonObject { ["stages"] = Stages("acceptance", "pt-acceptors"), ["version"] = (string)afterRequest["version"]! });
        await Api.ExpectAsync(offer, HttpStatusCode.OK);

        // An authority admin never replaces the whole partnership.
        using var whole = await fixture.As("es-admin").PutAsJsonAsync(path, new JsonObject { ["requestStages"] = Stages("validation", "a"), ["offerStages"] = Stages("acceptance", "b") });
        await Api.ProblemAsync(whole, HttpStatusCode.Forbidden);

        // A third authority does not even see it; the audit trail of each side holds the change.
        using var hidden = await fixture.As("fr-admin").GetAsync(path);
        await Api.ProblemAsync(hidden, HttpStatusCode.NotFound);
        Assert.Contains(await fixture.As("pt-admin").GetArrayAsync("/api/directory/audit"), e => (string)e!["action"]! == "stages-offer" && (string)e["entityId"]! == "ES-DGPCE>PT-ANEPC");
        Assert.DoesNotContain(await fixture.As("fr-admin").GetArrayAsync("/api/directory/audit"), e => (string)e!["entityId"]! == "ES-DGPCE>PT-ANEPC");
    }

    [Fact]
    public async Task Bad_stages_name_every_field()
    {
        var bad = new JsonArray(new JsonObject { ["name"] = "Bad Name", ["approverGroup"] = "", ["deadlines"] = new JsonObject { ["lifeSafety"] = "-01:00:00", ["urgent"] = "00:00:00" } });
        using var response = await fixture.As(Platform).PutAsJsonAsync("/api/directory/partnerships/MA-DGPC/PT-ANEPC", new JsonObject { ["requestStages"] = bad, ["offerStages"] = new JsonArray() });
        var errors = (await Api.ProblemAsync(response, HttpStatusCode.BadRequest))["errors"]!.AsObject();
        foreach (var field in new[] { "requestStages[0].name", "requestStages[0].approverGroup", "requestStages[0].deadlines.lifeSafety", "requestStages[0].deadlines.urgent", "requestStages[0].deadlines.routine", "offerStages" })
        {
            Assert.True(errors.ContainsKey(field), $"{field} is not named in {errors.ToJsonString()}");
        }
    }

    [Fact]
    public async Task An_admin_manages_only_their_own_authority_s_people()
    {
        var person = new JsonObject { ["displayName"] = "Élise Roux", ["roles"] = new JsonArray("approver"), ["approverGroups"] = new JsonArray("validation") };
        using var own = await fixture.As("fr-admin").PutAsJsonAsync("/api/directory/authorities/FR-DGSCGC/people/fr-new-approver", person);
        await Api.ExpectAsync(own, HttpStatusCode.OK);

        using var other = await fixture.As("fr-admin").PutAsJsonAsync("/api/directory/authorities/MA-DGPC/people/ma-new", person);
        await Api.ProblemAsync(other, HttpStatusCode.Forbidden);
        // Taking another authority's person into one's own is refused too, and that person is untouched.
        using var steal = await fixture.As("fr-admin").PutAsJsonAsync("/api/directory/authorities/FR-DGSCGC/people/ma-admin", person);
        await Api.ProblemAsync(steal, HttpStatusCode.Forbidden);
        Assert.Contains(await fixture.As("ma-admin").GetArrayAsync("/api/directory/authorities/MA-DGPC/people"), p => (string)p!["value"]!["userId"]! == "ma-admin");
        // No admin gives the platform role.
        var elevate = person.DeepClone().AsObject();
        elevate["roles"] = new JsonArray("platform-admin");
        using var elevated = await fixture.As("fr-admin").PutAsJsonAsync("/api/directory/authorities/FR-DGSCGC/people/fr-new-approver", elevate);
        Assert.True((await Api.ProblemAsync(elevated, HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("roles[0]"));

        using var readByDuty = await fixture.As("fr-duty").GetAsync("/api/directory/authorities/FR-DGSCGC/people");
        await Api.ProblemAsync(readByDuty, HttpStatusCode.Forbidden);
        using var readOther = await fixture.As("es-admin").GetAsync("/api/directory/authorities/FR-DGSCGC/people");
        await Api.ProblemAsync(readOther, HttpStatusCode.Forbidden);
        Assert.Contains(await fixture.As(Platform).GetArrayAsync("/api/directory/authorities/FR-DGSCGC/people"), p => (string)p!["value"]!["userId"]! == "fr-new-approver");
        using var auditByDuty = await fixture.As("fr-duty").GetAsync("/api/directory/audit");
        await Api.ProblemAsync(auditByDuty, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_legacy_route_reads_as_a_partnership_without_version()
    {
        // The fixture stores MA>TN as a route, as the code before partnerships did.
        var read = await fixture.As(Platform).GetFromJsonAsync<JsonObject>("/api/directory/partnerships/MA-DGPC/TN-ONPC");
        Assert.Null(read!["version"]);
        Assert.Equal(2, read["value"]!["requestStages"]!.AsArray().Count);
        Assert.Single(read["value"]!["offerStages"]!.AsArray());
    }

    [Fact]
    public async Task Retiring_an_authority_keeps_its_requests_visible()
    {
        var filed = await fixture.As("ma-duty").FileAsync(RequestSamples.Flood(assisting: "PT-ANEPC"));
        var id = Api.Id(filed);
        foreach (var user in new[] { "pt-admin", "ma-admin" })
        {
            using var refused = await fixture.As(user).PostJsonAsync("/api/directory/authorities/PT-ANEPC/retire", new JsonObject());
            await Api.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        using var retired = await fixture.As(Platform).PostJsonAsync("/api/directory/authorities/PT-ANEPC/retire", new JsonObject());
        await Api.ExpectAsync(retired, HttpStatusCode.OK);
        Assert.True((bool)(await retired.Content.ReadFromJsonAsync<JsonObject>())!["value"]!["retired"]!);

        // The list is fed from the outbox: it shows the request a moment after filing, retired partner or not.
        await fixture.As("ma-duty").WaitForListedStatusAsync(id, (string)filed["status"]!);
        Assert.Equal(id, Api.Id(await fixture.As("pt-duty").GetRequestAsync(id)));
        Assert.Contains(await fixture.As("ma-duty").GetArrayAsync("/api/directory/authorities"), a => (string)a!["value"]!["id"]! == "PT-ANEPC" && (bool)a["value"]!["retired"]!);
    }
}

public sealed class DirectoryAdministrationTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : DirectoryAdministrationTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class DirectoryAdministrationTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : DirectoryAdministrationTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
