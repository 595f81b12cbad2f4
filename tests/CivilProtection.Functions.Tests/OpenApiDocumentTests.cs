using System.Text.Json.Nodes;
using CivilProtection.Api.Description;
using Microsoft.AspNetCore.Builder;
using CivilProtection.Api;
using CivilProtection.Infrastructure.Composition;
using CivilProtection.Infrastructure.Configuration;
using CivilProtection.Infrastructure.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CivilProtection.Functions.Tests;

/// <summary>The OpenAPI document describes exactly the routes the hosts map (the pages and the Development reference page apart).</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_lists_exactly_the_methods_and_routes_the_local_host_maps()
    {
        await using var app = LocalRouteTable.BuildUnstarted();
        var local = LocalRouteTable.Of(app);
        local.RemoveWhere(route => route == "GET {}" || route.StartsWith("GET scalar/", StringComparison.Ordinal));

        var document = await DocumentAsync(app);
        var described = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => LocalRouteTable.Key(operation.Key, path.Key)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.StartsWith("3.1", (string)document["openapi"]!, StringComparison.Ordinal);
        Assert.Contains("POST api/edxl-rm/messages", described);
        Assert.True(local.SetEquals(described),
            $"Mapped, not described: {string.Join(", ", local.Except(described).Order(StringComparer.Ordinal))}; "
            + $"described, not mapped: {string.Join(", ", described.Except(local).Order(StringComparer.Ordinal))}.");
    }

    [Fact]
    public async Task Every_operation_describes_its_problems_as_RFC_7807_problem_details()
    {
        await using var app = LocalRouteTable.BuildUnstarted();
        var document = await DocumentAsync(app);

        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(o => (Name: $"{o.Key} {path.Key}", Operation: o.Value!))).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.True(
            o.Operation["responses"]?["403"]?["content"]?["application/problem+json"] is not null, $"{o.Name} describes no 403 problem."));
        var file = operations.Single(o => o.Name == "post /api/requests").Operation;
        Assert.NotNull(file["responses"]!["201"]);
    }

    [Fact]
    public async Task The_lists_describe_their_query_parameters_and_the_link_to_the_next_page()
    {
        await using var app = LocalRouteTable.BuildUnstarted();
        var document = await DocumentAsync(app);

        var list = document["paths"]!["/api/requests"]!["get"]!;
        Assert.Equal(
            ["pageSize", "status", "urgency", "incidentType", "party", "filedFrom", "filedBefore", "reference", "continuation", "format"],
            list["parameters"]!.AsArray().Where(p => (string)p!["in"]! == "query").Select(p => (string)p!["name"]!));
        Assert.NotNull(list["responses"]!["200"]!["headers"]!["Link"]);
        var inbox = document["paths"]!["/api/approvals"]!["get"]!;
        Assert.Equal(["pageSize", "continuation"], inbox["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.NotNull(inbox["responses"]!["200"]!["headers"]!["Link"]);
        // The situation is the caller's authority's, whole: no parameter narrows it or names another authority.
        var situation = document["paths"]!["/api/situation"]!["get"]!;
        Assert.Empty(situation["parameters"]?.AsArray() ?? []);
        // The home page's work is every section's first items, whole: nothing to page or filter.
        var work = document["paths"]!["/api/work"]!["get"]!;
        Assert.Empty(work["parameters"]?.AsArray() ?? []);
        Assert.NotNull(work["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
    }

    [Fact]
    public async Task Every_state_change_describes_the_body_it_reads()
    {
        await using var app = LocalRouteTable.BuildUnstarted();
        var document = await DocumentAsync(app);
        // Twilio's webhooks take its form fields (checked by signature), and signing out takes nothing.
        string[] bodiless = ["post /api/sms/inbound", "post /api/sms/status", "post /api/voice/prompt", "post /api/voice/gather", "post /api/voice/status", "post /api/dev/sign-out"];

        var missing = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Key is "post" or "put").Select(o => (Name: $"{o.Key} {path.Key}", Operation: o.Value!)))
            .Where(o => o.Operation["requestBody"]?["content"] is null && !bodiless.Contains(o.Name))
            .Select(o => o.Name)
            .ToList();

        Assert.True(missing.Count == 0, $"State changes whose body is not described: {string.Join(", ", missing)}");
        var filing = document["paths"]!["/api/requests"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.NotNull(filing["$ref"] ?? filing["properties"]);
        Assert.NotNull(document["paths"]!["/api/edxl-rm/messages"]!["post"]!["requestBody"]!["content"]!["application/xml"]);
    }

    [Fact]
    public async Task The_Functions_app_serves_the_same_document_as_the_local_host()
    {
        await using var app = LocalRouteTable.BuildUnstarted();
        // Composed as the Functions app's Program.cs composes it, in Production (where it runs), never started.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CivilProtection:Tables:ConnectionString"] = "UseDevelopmentStorage=true",
                // Outside Development the SMS webhooks' URLs need Twilio's settings, as in Azure; nothing is sent.
                ["CivilProtection:Twilio:AccountSid"] = "AC" + new string('0', 32),
                ["CivilProtection:Twilio:AuthToken"] = "not-a-token",
                ["CivilProtection:Twilio:MessagingServiceSid"] = "MG" + new string('0', 32),
                ["CivilProtection:Twilio:PublicBaseUrl"] = "https://civil-protection.example.org",
            })
            .Build();
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "CivilProtection.Functions", ContentRootPath = AppContext.BaseDirectory };
        var services = new ServiceCollection().AddSingleton<IHostEnvironment>(environment).AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddCivilProtection(configuration);
        services.AddSms(configuration, environment);
        services.AddCivilProtectionApi(environment);
        services.AddCivilProtectionConfiguration();
        await using var functionsServices = services.BuildServiceProvider();

        var answer = await new OpenApiFunctions(functionsServices.GetRequiredService<OpenApiDocumentSource>()).Document(new DefaultHttpContext().Request, "v1");

        var served = Assert.IsType<ContentHttpResult>(((INestedHttpResult)answer).Result);
        Assert.Equal(await app.Services.GetRequiredService<OpenApiDocumentSource>().JsonAsync(), served.ResponseContent);
    }

    private static async Task<JsonNode> DocumentAsync(WebApplication app) =>
        JsonNode.Parse(await app.Services.GetRequiredService<OpenApiDocumentSource>().JsonAsync())!;
}
