using System.Net.Http.Headers;
using CivilProtection.Api;
using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Web;
using CivilProtection.Infrastructure.Composition;
using CivilProtection.Infrastructure.Rosters;
using CivilProtection.LocalHost.Seeding;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Rosters.Tests;

/// <summary>
/// The application's composition with the rosters wired in, on a loopback port over Azurite with tables of its own,
/// seeded like a local run (directory, people, rosters). Built here rather than through the local host so these
/// tests do not depend on where the composition calls <c>AddRosters</c> and <c>MapRostersApi</c>.
/// </summary>
public sealed class RostersHost : IAsyncLifetime
{
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.SharedAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CivilProtection:Tables:ConnectionString"] = azurite.ConnectionString,
            ["CivilProtection:Tables:TablePrefix"] = Azurite.UniquePrefix(),
            ["CivilProtection:SeedDirectory"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddCivilProtection(builder.Configuration);
        builder.Services.AddCivilProtectionApi(builder.Environment);
        builder.Services.AddRosters();
        builder.Services.AddHostedService<DirectorySeeder>();
        builder.Services.AddHostedService<RosterSeeder>();
        App = builder.Build();
        App.MapRostersApi();
        // What the rosters page needs besides its own routes: who signs in, the catalogue, the files.
        var api = App.MapGroup("/api");
        api.MapGet("/me", ReferenceApi.Me);
        api.MapGet("/authorities", ReferenceApi.Authorities);
        api.MapGet("/catalogue", ReferenceApi.Catalogue);
        api.MapGet("/dev/users", DevelopmentSignInApi.Users);
        api.MapPost("/dev/sign-in", DevelopmentSignInApi.SignIn);
        App.MapGet("/{*path}", WebFiles.Serve);
        await App.StartAsync();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A client acting as a seeded user through the Development header; null for nobody.</summary>
    public HttpClient ClientFor(string? userId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add("X-Dev-User", userId);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
