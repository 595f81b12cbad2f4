using Azure.Data.Tables;
using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Sms.Tests;

/// <summary>What <c>AddSms</c> registers for each configuration, and the settings that stop the app at start.</summary>
public sealed class SmsCompositionTests
{
    private static readonly Dictionary<string, string?> Twilio = new()
    {
        ["CivilProtection:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["CivilProtection:Twilio:AuthToken"] = "0123456789abcdef0123456789abcdef",
        ["CivilProtection:Twilio:MessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef",
        ["CivilProtection:Twilio:PublicBaseUrl"] = "https://cp.example.org",
    };

    private static IHost Build(string environment, IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(logging => logging.ClearProviders());
        // The sandbox's tables; never reached in these tests.
        builder.Services.AddSingleton(new StateTables(new TableServiceClient("UseDevelopmentStorage=true"), "unused"));
        builder.Services.AddSms(builder.Configuration, builder.Environment);
        return builder.Build();
    }

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(Twilio);
        foreach (var (key, value) in changes)
        {
            settings["CivilProtection:Twilio:" + key] = value;
        }
        return settings;
    }

    private static async Task<string> StartFailureAsync(string environment, IDictionary<string, string?> settings)
    {
        using var host = Build(environment, settings);
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        return failure.Message;
    }

    [Fact]
    public async Task With_credentials_sms_go_through_twilio()
    {
        using var host = Build("Production", Twilio);
        await host.StartAsync();

        Assert.IsType<TwilioSmsGateway>(host.Services.GetRequiredService<ISmsGateway>());
        Assert.Null(host.Services.GetService<ISmsSandbox>());
        Assert.Equal(new Uri("https://cp.example.org"), host.Services.GetRequiredService<SmsWebhookUrls>().PublicBaseUrl);
        Assert.IsType<TemplatedSmsTexts>(host.Services.GetRequiredService<ISmsTexts>());
        await host.StopAsync();
    }

    [Fact]
    public async Task In_development_without_credentials_the_sandbox_stands_in()
    {
        using var host = Build("Development", new Dictionary<string, string?>());
        await host.StartAsync();

        Assert.IsType<SandboxSmsGateway>(host.Services.GetRequiredService<ISmsGateway>());
        Assert.NotNull(host.Services.GetService<ISmsSandbox>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Outside_development_without_credentials_the_app_does_not_start()
    {
        var message = await StartFailureAsync("Production", new Dictionary<string, string?>());

        Assert.Contains("No Twilio credentials are configured", message);
    }

    [Theory]
    [InlineData("AccountSid", "AC123", "CivilProtection:Twilio:AccountSid")]
    [InlineData("AuthToken", "", "CivilProtection:Twilio:AuthToken")]
    [InlineData("MessagingServiceSid", "PN0123456789abcdef0123456789abcdef", "CivilProtection:Twilio:MessagingServiceSid")]
    [InlineData("PublicBaseUrl", "", "CivilProtection:Twilio:PublicBaseUrl")]
    [InlineData("PublicBaseUrl", "cp.example.org/sms", "CivilProtection:Twilio:PublicBaseUrl")]
    [InlineData("PublicBaseUrl", "http://cp.example.org", "CivilProtection:Twilio:PublicBaseUrl must use https")]
    [InlineData("MaxSegments", "0", "CivilProtection:Twilio:MaxSegments")]
    [InlineData("ApiKeySid", "SK0123456789abcdef0123456789abcdef", "CivilProtection:Twilio:ApiKeySecret")]
    [InlineData("FromNumber", "0612345678", "CivilProtection:Twilio:FromNumber")]
    [InlineData("MessagesPerSecond", "0", "CivilProtection:Twilio:MessagesPerSecond")]
    [InlineData("MessagesPerSecond", "5000", "CivilProtection:Twilio:MessagesPerSecond")]
    [InlineData("VoiceFromNumber", "0612345678", "CivilProtection:Twilio:VoiceFromNumber")]
    [InlineData("VoiceFromNumber", "CivilProt", "CivilProtection:Twilio:VoiceFromNumber")]
    public async Task A_malformed_setting_stops_the_app_naming_it(string key, string value, string named)
    {
        var settings = With((key, value));
        if (key == "FromNumber")
        {
            settings["CivilProtection:Twilio:MessagingServiceSid"] = null;
        }

        var message = await StartFailureAsync("Production", settings);

        Assert.Contains(named, message);
        Assert.DoesNotContain("0123456789abcdef0123456789abcdef", message.Replace("AC0123456789abcdef0123456789abcdef", "", StringComparison.Ordinal));
    }

    // Each bound of each limit, from both sides: what validation accepts the app runs (the gateway is built and sends
    // through a fake Twilio), what it refuses stops the start naming the setting. No accepted value may fail later.
    [Theory]
    [InlineData("Retry:MaxAttempts", "0", false)]
    [InlineData("Retry:MaxAttempts", "1", true)]
    [InlineData("Retry:MaxAttempts", "20", true)]
    [InlineData("Retry:MaxAttempts", "21", false)]
    [InlineData("Retry:BaseDelay", "00:00:00", false)]
    [InlineData("Retry:BaseDelay", "00:00:00.001", true)]
    [InlineData("Retry:BaseDelay", "00:00:20", true)]
    [InlineData("Retry:BaseDelay", "00:00:21", false)] // longer than MaxDelay (20 s by default)
    [InlineData("Retry:MaxDelay", "00:00:00.999", false)] // shorter than BaseDelay (1 s by default)
    [InlineData("Retry:MaxDelay", "00:10:00", true)]
    [InlineData("Retry:MaxDelay", "00:10:00.001", false)]
    [InlineData("Retry:AttemptTimeout", "00:00:00.999", false)]
    [InlineData("Retry:AttemptTimeout", "00:00:01", true)]
    [InlineData("Retry:AttemptTimeout", "00:02:00", true)]
    [InlineData("Retry:AttemptTimeout", "00:02:00.001", false)]
    [InlineData("MaxSegments", "0", false)]
    [InlineData("MaxSegments", "1", true)]
    [InlineData("MaxSegments", "10", true)]
    [InlineData("MaxSegments", "11", false)]
    [InlineData("MessagesPerSecond", "0.009", false)]
    [InlineData("MessagesPerSecond", "0.01", true)]
    [InlineData("MessagesPerSecond", "1000", true)]
    [InlineData("MessagesPerSecond", "1000.1", false)]
    public async Task Every_limit_accepts_exactly_what_runs(string key, string value, bool accepted)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["CivilProtection:Twilio:AccountSid"] = twilio.AccountSid,
            ["CivilProtection:Twilio:AuthToken"] = twilio.AuthToken,
            ["CivilProtection:Twilio:MessagingServiceSid"] = twilio.MessagingServiceSid,
            ["CivilProtection:Twilio:PublicBaseUrl"] = "https://cp.example.org",
            ["CivilProtection:Twilio:ApiBaseUrl"] = twilio.BaseUrl.AbsoluteUri,
            ["CivilProtection:Twilio:" + key] = value,
        };
        if (!accepted)
        {
            Assert.Contains("CivilProtection:Twilio:" + key, await StartFailureAsync("Production", settings));
            return;
        }

        using var host = Build("Production", settings);
        await host.StartAsync();
        var gateway = host.Services.GetRequiredService<ISmsGateway>();
        var receipt = await gateway.SendAsync(
            new OutgoingSms("+33612345678", "Test", SmsCallbacks.StatusCallbackFor(new Uri("https://cp.example.org"), "sms-1")), CancellationToken.None);

        Assert.Equal("accepted", receipt.Status);
        Assert.Single(twilio.Messages);
        Assert.Empty(twilio.Violations);
        await host.StopAsync();
    }

    [Fact]
    public async Task With_a_voice_number_the_app_places_calls_through_Twilio()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        using var host = Build("Production", new Dictionary<string, string?>
        {
            ["CivilProtection:Twilio:AccountSid"] = twilio.AccountSid,
            ["CivilProtection:Twilio:AuthToken"] = twilio.AuthToken,
            ["CivilProtection:Twilio:MessagingServiceSid"] = twilio.MessagingServiceSid,
            ["CivilProtection:Twilio:VoiceFromNumber"] = twilio.FromNumber,
            ["CivilProtection:Twilio:PublicBaseUrl"] = "https://cp.example.org",
            ["CivilProtection:Twilio:ApiBaseUrl"] = twilio.BaseUrl.AbsoluteUri,
        });
        await host.StartAsync();
        var voice = host.Services.GetRequiredService<IVoiceGateway>();

        Assert.True(voice.CanCall);
        var prompt = VoiceCallbacks.PromptFor(new Uri("https://cp.example.org"), "call-1");
        await voice.CallAsync(new OutgoingCall("+33612345678", prompt, prompt, TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.Equal(twilio.FromNumber, Assert.Single(twilio.Calls).From);
        Assert.Empty(twilio.Violations);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_sender_is_required()
    {
        var message = await StartFailureAsync("Production", With(("MessagingServiceSid", null)));

        Assert.Contains("CivilProtection:Twilio:MessagingServiceSid (recommended) or CivilProtection:Twilio:FromNumber", message);
    }

    [Fact]
    public void The_configured_segment_limit_reaches_the_templates()
    {
        using var host = Build("Production", With(("MaxSegments", "2")));

        Assert.Equal(2, host.Services.GetRequiredService<IOptions<SmsTextOptions>>().Value.MaxSegments);
    }

    [Fact]
    public async Task The_configured_rate_paces_the_twilio_gateway_and_no_rate_leaves_it_unpaced()
    {
        using var paced = Build("Production", With(("MessagesPerSecond", "12.5")));
        using var unpaced = Build("Production", Twilio);
        await paced.StartAsync();
        await unpaced.StartAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(80), Assert.IsType<TwilioSmsGateway>(paced.Services.GetRequiredService<ISmsGateway>()).Pacer!.Interval);
        Assert.Null(Assert.IsType<TwilioSmsGateway>(unpaced.Services.GetRequiredService<ISmsGateway>()).Pacer);
        await paced.StopAsync();
        await unpaced.StopAsync();
    }
}
