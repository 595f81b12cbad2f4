using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CivilProtection.Application.Interop;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// EDXL-RM 1.0 over real HTTP: the export of a request and its exchange validates against the OASIS schemas and shows
/// each reader only what it sees; a request exported and imported into another authority arrives with the same content;
/// a partner's system offers and the requester's commits, each message once however often and concurrently it is posted.
/// </summary>
public abstract partial class EdxlRmTests<THost>(ExchangeHostFixture<THost> fixture) where THost : IHostKind
{
    private static readonly Lazy<EdxlRmSchemas> Schemas = new(() => EdxlRmSchemas.Compile(
        EdxlRmSchemas.FindBesideRepository(AppContext.BaseDirectory) ?? throw new DirectoryNotFoundException("No ../shared/standards beside the repository.")));

    private static readonly XNamespace Msg = EdxlRmNames.Msg;

    [Fact]
    public async Task The_export_of_a_request_and_its_exchange_validates_and_shows_each_reader_only_what_it_sees()
    {
        var duty = fixture.As("ma-duty");
        var id = await OpenRequestAsync([Spain, Portugal]);
        var offerId = await PortugalOffersAsync(id);
        await PostJsonOkAsync(duty, $"/api/requests/{id}/offers/{offerId}/question", new JsonObject { ["comment"] = "Les bateaux ont-ils leurs équipages ?" });
        await PostJsonOkAsync(fixture.As("pt-coordinator"), $"/api/requests/{id}/offers/{offerId}/answer", new JsonObject { ["comment"] = "Oui, quatre par bateau." });
        await PostJsonOkAsync(duty, $"/api/requests/{id}/offers/{offerId}/decision",
            new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["offerLine"] = 0, ["quantity"] = 1 }) });

        var asRequester = await ExportAsync(duty, id);

        var problems = Schemas.Value.Validate(asRequester);
        Assert.True(problems.Count == 0, string.Join("; ", problems.Select(p => $"{p.Element} line {p.Line}: {p.Message}")));
        Assert.Equal(
            ["RequestResource", "ResponseToRequestResource", "RequestInformation", "ResponseToRequestInformation", "CommitResource"],
            asRequester.Root!.Elements().Select(m => m.Name.LocalName));
        Assert.Equal(["Oui, quatre par bateau."], asRequester.Root.Elements(Msg + "ResponseToRequestInformation").Select(m => (string)m.Element(Msg + "MessageDescription")!));
        // Spain was asked and has not offered: it sees the request, never Portugal's offer or the decision on it.
        Assert.Equal(["RequestResource"], (await ExportAsync(fixture.As("es-coordinator"), id)).Root!.Elements().Select(m => m.Name.LocalName));
        Assert.Contains("ResponseToRequestResource", (await ExportAsync(fixture.As("pt-coordinator"), id)).Root!.Elements().Select(m => m.Name.LocalName));
        using var hidden = await fixture.As("tn-coordinator").GetAsync($"/api/requests/{id}/edxl-rm");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task A_request_exported_by_Morocco_and_imported_by_France_arrives_to_review_with_the_same_content_once()
    {
        var duty = fixture.As("ma-duty");
        var id = await OpenRequestAsync([Portugal]);
        var exported = (await ExportAsync(duty, id)).Root!.Element(Msg + "RequestResource")!;
        var france = fixture.As("fr-coordinator");

        using var created = await PostXmlAsync(france, exported.ToString());
        await Api.ExpectAsync(created, HttpStatusCode.Created);
        var answer = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var received = (string)answer["requestId"]!;
        Assert.Equal($"/api/requests/{received}", created.Headers.Location?.OriginalString);

        var original = await duty.GetRequestAsync(id);
        var arrived = await france.GetRequestAsync(received);
        Assert.Equal(("open", Morocco), ((string)arrived["status"]!, (string)arrived["requestingAuthorityId"]!));
        Assert.Equal([France], arrived["exchange"]!["addressees"]!.AsArray().Select(a => (string)a!["authorityId"]!));
        foreach (var field in new[] { "incident", "urgency", "capabilities", "neededBy", "contact", "language", "catalogueVersion" })
        {
            Assert.True(JsonNode.DeepEquals(original[field], arrived[field]), $"{field}: {original[field]?.ToJsonString()} became {arrived[field]?.ToJsonString()}");
        }
        Assert.Contains("decline-to-offer", arrived["allowedActions"]!.AsArray().Select(a => (string)a!));

        // Exported again, it is the same message but for its own ids, and it names Morocco's as the exchange's first.
        var again = (await ExportAsync(france, received)).Root!.Element(Msg + "RequestResource")!;
        Assert.Equal((string)exported.Element(Msg + "MessageID")!, (string)again.Element(Msg + "OriginatingMessageID")!);
        foreach (var part in new[] { "MessageDescription", "ContactInformation", "ResourceInformation" })
        {
            Assert.Equal(exported.Elements(Msg + part).Select(e => e.ToString()), again.Elements(Msg + part).Select(e => e.ToString()));
        }

        await france.WaitForListedStatusAsync(received, "open");
        var listed = (await france.GetArrayAsync("/api/requests")).Count;
        using var repeated = await PostXmlAsync(france, exported.ToString());
        await Api.ExpectAsync(repeated, HttpStatusCode.OK);
        Assert.Equal("true", repeated.Headers.GetValues("Idempotent-Replayed").Single());
        var replay = (await repeated.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((received, false), ((string)replay["requestId"]!, (bool)replay["applied"]!));
        // A second request would be listed within the time the first took; none is.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(listed, (await france.GetArrayAsync("/api/requests")).Count);
    }

    [Fact]
    public async Task A_partner_system_offers_and_the_requester_system_commits_each_message_applied_once_even_when_posted_concurrently()
    {
        var duty = fixture.As("ma-duty");
        var id = await OpenRequestAsync([Portugal]);
        var offerMessageId = $"urn:pt-anepc:offer:{Guid.NewGuid():N}";
        var offer = Response(offerMessageId, id, quantity: 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await PostXmlAsync(fixture.As("pt-coordinator"), offer);
            await Api.ExpectAsync(response, HttpStatusCode.OK);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }));

        Assert.Single(answers, a => (bool)a["applied"]!);
        var offers = (await duty.GetRequestAsync(id))["exchange"]!["offers"]!.AsArray();
        var made = Assert.Single(offers)!;
        Assert.Equal(("sent", 2, "+351912345678"), ((string)made["status"]!, (int)made["lines"]![0]!["quantity"]!, (string)made["contact"]!["phone"]!));
        Assert.All(answers, a => Assert.Equal((string)made["offerId"]!, (string)a["offerId"]!));

        // Only the requester decides: Portugal's system cannot commit its own offer.
        var commitId = $"urn:ma-dgpc:commit:{Guid.NewGuid():N}";
        var commit = Commit(commitId, id, offerMessageId, (string)made["offerId"]!, accepted: 1);
        using (var refused = await PostXmlAsync(fixture.As("pt-coordinator"), commit))
        {
            await Api.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        var decisions = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await PostXmlAsync(duty, commit);
            await Api.ExpectAsync(response, HttpStatusCode.OK);
            return (bool)(await response.Content.ReadFromJsonAsync<JsonObject>())!["applied"]!;
        }));
        Assert.Single(decisions, applied => applied);
        var decided = (await duty.GetRequestAsync(id))["exchange"]!["offers"]![0]!;
        Assert.Equal(("partially-accepted", 1), ((string)decided["status"]!, (int)decided["lines"]![0]!["accepted"]!));

        // The export speaks of them by the ids the partner's systems gave them.
        var exported = (await ExportAsync(duty, id)).Root!;
        Assert.Equal(offerMessageId, (string)exported.Element(Msg + "ResponseToRequestResource")!.Element(Msg + "MessageID")!);
        Assert.Equal(commitId, (string)exported.Element(Msg + "CommitResource")!.Element(Msg + "MessageID")!);
        Assert.Empty(Schemas.Value.Validate(new XDocument(exported)));
    }

    [Fact]
    public async Task Only_a_coordinator_takes_in_a_request_and_only_from_an_authority_partnered_towards_its_own()
    {
        var id = await OpenRequestAsync([Portugal]);
        var message = (await ExportAsync(fixture.As("ma-duty"), id)).Root!.Element(Msg + "RequestResource")!;
        message.Element(Msg + "MessageID")!.Value = $"urn:ma-dgpc:{Guid.NewGuid():N}";
        var requester = message.Descendants(EdxlRmNames.Xpil + "IdentifierElement").Single();

        // A duty officer files requests; taking one in from a partner's system is the coordinators' part.
        using (var duty = await PostXmlAsync(fixture.As("fr-duty"), message.ToString()))
        {
            await Api.ProblemAsync(duty, HttpStatusCode.Forbidden);
        }
        // Tunisia has no partnership towards France: France cannot receive its requests.
        requester.Value = Tunisia;
        using (var stranger = await PostXmlAsync(fixture.As("fr-coordinator"), message.ToString()))
        {
            await Api.ProblemAsync(stranger, HttpStatusCode.Forbidden);
        }
        // An authority does not receive a request from itself.
        requester.Value = France;
        using (var itself = await PostXmlAsync(fixture.As("fr-coordinator"), message.ToString()))
        {
            var problem = await Api.ProblemAsync(itself, HttpStatusCode.BadRequest);
            Assert.Equal(["RequestResource/ContactInformation/AdditionalContactInformation/Identifiers/Identifier/IdentifierElement"],
                problem["errors"]!.AsObject().Select(e => e.Key));
        }
        // None of them used up the MessageID: Morocco's own, as sent, is still taken in.
        requester.Value = Morocco;
        using var taken = await PostXmlAsync(fixture.As("fr-coordinator"), message.ToString());
        await Api.ExpectAsync(taken, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_partner_that_is_not_party_to_the_request_cannot_offer_on_it_by_message()
    {
        var id = await OpenRequestAsync([Portugal]);

        using var response = await PostXmlAsync(fixture.As("tn-coordinator"), Response($"urn:tn:{Guid.NewGuid():N}", id, quantity: 1));

        await Api.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Empty((await fixture.As("ma-duty").GetRequestAsync(id))["exchange"]!["offers"]!.AsArray());
    }

    [Fact]
    public async Task A_response_declining_every_line_is_refused_naming_its_lines_and_offers_nothing()
    {
        var id = await OpenRequestAsync([Portugal]);
        var declining = Response($"urn:pt-anepc:{Guid.NewGuid():N}", id, quantity: 1).Replace("<rm:ResponseType>Accept<", "<rm:ResponseType>Decline<", StringComparison.Ordinal);

        using var response = await PostXmlAsync(fixture.As("pt-coordinator"), declining);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["ResponseToRequestResource/ResourceInformation"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty((await fixture.As("ma-duty").GetRequestAsync(id))["exchange"]!["offers"]!.AsArray());
    }

    [Fact]
    public async Task A_resource_type_from_a_value_list_we_do_not_know_is_kept_with_its_list()
    {
        var id = await OpenRequestAsync([Portugal]);
        var message = (await ExportAsync(fixture.As("ma-duty"), id)).Root!.Element(Msg + "RequestResource")!;
        message.Element(Msg + "MessageID")!.Value = $"urn:ma-dgpc:{Guid.NewGuid():N}";
        var type = message.Elements(Msg + "ResourceInformation").Last().Element(Msg + "Resource")!.Element(Msg + "TypeStructure")!;
        type.Element(EdxlRmNames.Rm + "ValueListURN")!.Value = "urn:ma-dgpc:resource-types:2024";
        type.Element(EdxlRmNames.Rm + "Value")!.Value = "Unité mobile de potabilisation";

        using var created = await PostXmlAsync(fixture.As("fr-coordinator"), message.ToString());

        await Api.ExpectAsync(created, HttpStatusCode.Created);
        var received = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!;
        var line = (await fixture.As("fr-coordinator").GetRequestAsync(received))["capabilities"]![1]!;
        Assert.Equal(("Unité mobile de potabilisation", "urn:ma-dgpc:resource-types:2024"), ((string)line["code"]!, (string)line["valueListUrn"]!));
        var again = (await ExportAsync(fixture.As("fr-coordinator"), received)).Root!.Element(Msg + "RequestResource")!;
        Assert.Equal(type.ToString(), again.Elements(Msg + "ResourceInformation").Last().Element(Msg + "Resource")!.Element(Msg + "TypeStructure")!.ToString());
    }

    [Fact]
    public async Task An_invalid_message_is_refused_naming_the_element_with_its_line_and_stores_nothing()
    {
        var france = fixture.As("fr-coordinator");
        var before = (await france.GetArrayAsync("/api/requests")).Count;
        var id = await OpenRequestAsync([Portugal]);
        var message = (await ExportAsync(fixture.As("ma-duty"), id)).Root!.Element(Msg + "RequestResource")!;
        message.Element(Msg + "MessageID")!.Value = $"urn:ma-dgpc:{Guid.NewGuid():N}";
        message.Descendants(EdxlRmNames.Rm + "Amount").First().Value = "deux";

        using var response = await PostXmlAsync(france, message.ToString());

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        var (element, messages) = Assert.Single(problem["errors"]!.AsObject());
        Assert.Equal("RequestResource/ResourceInformation[1]/AssignmentInformation/Quantity/MeasuredQuantity/Amount", element);
        Assert.Matches(@"^Line \d+, position \d+: ", (string)messages![0]!);
        Assert.Equal(before, (await france.GetArrayAsync("/api/requests")).Count);
    }

    [Fact]
    public async Task A_message_our_rules_refuse_names_the_element_the_field_came_from()
    {
        var id = await OpenRequestAsync([Portugal]);
        var message = (await ExportAsync(fixture.As("ma-duty"), id)).Root!.Element(Msg + "RequestResource")!;
        message.Element(Msg + "MessageID")!.Value = $"urn:ma-dgpc:{Guid.NewGuid():N}";
        message.Descendants(EdxlRmNames.Xpil + "ContactNumberElement").Single().Value = "0612345678";

        using var response = await PostXmlAsync(fixture.As("fr-coordinator"), message.ToString());

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["RequestResource/ContactInformation/AdditionalContactInformation/ContactNumbers/ContactNumber/ContactNumberElement"],
            problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Hostile_or_mistyped_bodies_are_refused_with_a_clear_problem()
    {
        var france = fixture.As("fr-coordinator");
        using (var bomb = await PostXmlAsync(france, """<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbb"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg">&c;</RequestResource>"""))
        {
            Assert.Equal("DTD refused.", (string)(await Api.ProblemAsync(bomb, HttpStatusCode.BadRequest))["title"]!);
        }
        using (var deep = await PostXmlAsync(france, string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100))))
        {
            Assert.Equal("Nested too deeply.", (string)(await Api.ProblemAsync(deep, HttpStatusCode.BadRequest))["title"]!);
        }
        using (var huge = await PostXmlAsync(france, $"<a>{new string('x', EdxlRmReader.MaxBytes)}</a>"))
        {
            await Api.ProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
        }
        using (var plain = await france.PostAsync("/api/edxl-rm/messages", new StringContent("<a/>", Encoding.UTF8, "text/plain")))
        {
            await Api.ProblemAsync(plain, HttpStatusCode.UnsupportedMediaType);
        }
        using var anonymous = await fixture.As(null).PostAsync("/api/edxl-rm/messages", new StringContent("<a/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_catalogue_is_published_as_a_value_list_under_the_URN_our_messages_name()
    {
        using var response = await fixture.As("pt-coordinator").GetAsync("/api/edxl-rm/value-list");
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        var list = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Empty(Schemas.Value.Validate(list));
        Assert.Equal(EdxlRmValueLists.Catalogue("eu-2025-704/1"), (string)list.Root!.Attribute("valueListUrn")!);
        Assert.Contains("HCP", list.Root.Elements(EdxlRmNames.Export + "Value").Select(v => (string)v.Attribute("code")!));
        using var unknown = await fixture.As("pt-coordinator").GetAsync("/api/edxl-rm/value-list?version=nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<string> OpenRequestAsync(string[] partners)
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.FloodToPartners(partners)));
        var approver = fixture.As("ma-approver");
        await approver.WaitForInboxItemAsync(id, 0);
        Assert.Equal("open", (string)(await approver.DecideAsync(id, "approve"))["status"]!);
        return id;
    }

    private async Task<string> PortugalOffersAsync(string id)
    {
        using var response = await fixture.As("pt-coordinator").PostJsonAsync($"/api/requests/{id}/offers", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject
            {
                ["requestLine"] = 1, ["quantity"] = 2, ["earliestArrival"] = DateTimeOffset.UtcNow.AddHours(18).ToString("O"), ["durationDays"] = 10,
                ["selfSufficient"] = true, ["conditions"] = "Carburant fourni par le pays hôte", ["estimatedCost"] = new JsonObject { ["amount"] = 12_500.5m, ["currency"] = "EUR" },
            }),
            ["contact"] = new JsonObject { ["name"] = "João Silva", ["phone"] = "+351912345678", ["email"] = "j.silva@prociv.pt" },
        });
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["exchange"]!["offers"]![0]!["offerId"]!;
    }

    private static async Task PostJsonOkAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostJsonAsync(path, body);
        await Api.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static async Task<XDocument> ExportAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/requests/{id}/edxl-rm");
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(), LoadOptions.SetLineInfo);
    }

    private static Task<HttpResponseMessage> PostXmlAsync(HttpClient client, string xml) =>
        client.PostAsync("/api/edxl-rm/messages", new StringContent(xml, Encoding.UTF8, "application/xml"));
}

public sealed class EdxlRmTestsOnLocalHost(ExchangeHostFixture<OnLocalHost> fixture) : EdxlRmTests<OnLocalHost>(fixture), IClassFixture<ExchangeHostFixture<OnLocalHost>>;

public sealed class EdxlRmTestsOnFunctionsApp(ExchangeHostFixture<OnFunctionsApp> fixture) : EdxlRmTests<OnFunctionsApp>(fixture), IClassFixture<ExchangeHostFixture<OnFunctionsApp>>;
