using Azure.Data.Tables;
using CivilProtection.Api.Sms;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Sms.Tests;

/// <summary>
/// A minimal app on a loopback port with only SMS in it: <c>AddSms</c>, <c>MapSmsWebhooks</c>, and a recording
/// <see cref="ISmsReplies"/> in place of the workflow. In sandbox mode its tables live in the shared Azurite.
/// </summary>
public sealed class SmsTestHost : IAsyncDisposable
{
    private readonly StateTables? _tables;

    private SmsTestHost(WebApplication app, Uri baseAddress, RecordingReplies replies, StateTables? tables)
    {
        App = app;
        BaseAddress = baseAddress;
        Replies = replies;
        _tables = tables;
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public RecordingReplies Replies { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Twilio mode: the settings must carry credentials (see <see cref="FakeTwilio.Settings"/>).</summary>
    public static Task<SmsTestHost> StartAsync(IDictionary<string, string?> settings, string environment = "Production") =>
        StartAsync(environment, settings, tables: null);

    /// <summary>Development without credentials: the sandbox, over fresh tables in Azurite.</summary>
    public static async Task<SmsTestHost> StartSandboxAsync(IDictionary<string, string?>? settings = null)
    {
        var azurite = await Azurite.SharedAsync();
        var tables = new StateTables(new TableServiceClient(azurite.ConnectionString), Azurite.UniquePrefix());
        await tables.CreateIfMissingAsync(CancellationToken.None);
        var all = new Dictionary<string, string?> { ["CivilProtection:SmsSandbox:DeliveryDelay"] = "00:00:00.100" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return await StartAsync("Development", all, tables);
    }

    private static async Task<SmsTestHost> StartAsync(string environment, IDictionary<string, string?> settings, StateTables? tables)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        var replies = new RecordingReplies();
        builder.Services.AddSingleton<ISmsReplies>(replies);
        if (tables is not null)
        {
            builder.Services.AddSingleton(tables);
        }
        builder.Services.AddProblemDetails();
        builder.Services.AddSms(builder.Configuration, builder.Environment);

        var app = builder.Build();
        app.MapSmsWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SmsTestHost(app, new Uri(address), replies, tables);
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_tables is not null)
        {
            await Task.WhenAll(_tables.All.Select(t => t.DeleteAsync()));
        }
    }
}
