using CivilProtection.LocalHost;
using CivilProtection.Testing;

namespace CivilProtection.Identity.Tests;

/// <summary>A missing or malformed setting stops the app at start with a message naming the setting and what it expects.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Development_and_trusting_App_Service_authentication_at_once_is_refused()
    {
        var message = await StartupFailureAsync("Development", new() { ["CivilProtection:Identity:TrustAppServiceAuthentication"] = "true" });

        Assert.Contains("CivilProtection:Identity:TrustAppServiceAuthentication must not be true in the Development environment", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trust_setting_that_is_not_a_boolean_is_named()
    {
        var message = await StartupFailureAsync("Production", Azure(("CivilProtection:Identity:TrustAppServiceAuthentication", "yes")));

        Assert.Contains("CivilProtection:Identity:TrustAppServiceAuthentication", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_storage_without_a_connection_string_or_service_uri_is_named()
    {
        var message = await StartupFailureAsync("Development", new() { ["CivilProtection:Tables:ConnectionString"] = "" });

        Assert.Contains("CivilProtection:Tables:ConnectionString", message, StringComparison.Ordinal);
        Assert.Contains("CivilProtection:Tables:ServiceUri", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://stcivprot.table.core.windows.net")]
    [InlineData("stcivprot.table.core.windows.net")]
    [InlineData("https://stcivprot.table.core.windows.net/?sv=2024&sig=secret")]
    public async Task A_table_service_uri_that_is_not_an_https_table_endpoint_is_named(string uri)
    {
        var message = await StartupFailureAsync("Development", new()
        {
            ["CivilProtection:Tables:ConnectionString"] = "",
            ["CivilProtection:Tables:ServiceUri"] = uri,
        });

        Assert.Contains("CivilProtection:Tables:ServiceUri must be an absolute https URL of a table endpoint", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_endpoint_given_as_the_table_service_uri_is_named()
    {
        var message = await StartupFailureAsync("Development", new()
        {
            ["CivilProtection:Tables:ConnectionString"] = "",
            ["CivilProtection:Tables:ServiceUri"] = "https://stcivprot.blob.core.windows.net",
        });

        Assert.Contains("CivilProtection:Tables:ServiceUri points at the blob service", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_table_connection_string_is_named_without_echoing_it()
    {
        var message = await StartupFailureAsync("Development", new() { ["CivilProtection:Tables:ConnectionString"] = "AccountKey=s3cr3t-value" });

        Assert.Contains("CivilProtection:Tables:ConnectionString is not a storage connection string", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Azure_a_table_connection_string_with_an_account_key_is_refused()
    {
        const string key = "c2VjcmV0LWtleS1vZi1hLXJlYWwtYWNjb3VudA==";
        var message = await StartupFailureAsync("Production", Azure(
            ("CivilProtection:Tables:ConnectionString", $"DefaultEndpointsProtocol=https;AccountName=stcivprot;AccountKey={key};EndpointSuffix=core.windows.net")));

        Assert.Contains("CivilProtection:Tables:ConnectionString holds an account key or SAS", message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Azure_a_service_bus_connection_string_is_refused()
    {
        var message = await StartupFailureAsync("Production", Azure(
            ("CivilProtection:ServiceBus:ConnectionString", "Endpoint=sb://sb-civprot.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=abc=")));

        Assert.Contains("CivilProtection:ServiceBus:ConnectionString is set, but in Azure", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CivilProtection:ServiceBus:FullyQualifiedNamespace", "sb://sb-civprot.servicebus.windows.net/", "CivilProtection:ServiceBus:FullyQualifiedNamespace must be the namespace's host name")]
    [InlineData("CivilProtection:Azure:ManagedIdentityClientId", "id-civprot", "CivilProtection:Azure:ManagedIdentityClientId must be the client id (a GUID)")]
    [InlineData("CivilProtection:Telemetry:SamplingRatio", "0", "CivilProtection:Telemetry:SamplingRatio must be greater than 0 and at most 1")]
    [InlineData("CivilProtection:Telemetry:SamplingRatio", "1.5", "CivilProtection:Telemetry:SamplingRatio must be greater than 0 and at most 1")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=not-a-guid", "APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string")]
    [InlineData("CivilProtection:Telemetry:Console", "sometimes", "CivilProtection:Telemetry:Console")]
    public async Task A_malformed_setting_is_named_with_what_it_expects(string setting, string value, string expected)
    {
        var message = await StartupFailureAsync("Development", new() { [setting] = value });

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_prefix_that_cannot_start_a_table_name_is_named()
    {
        var message = await StartupFailureAsync("Development", new() { ["CivilProtection:Tables:TablePrefix"] = "1-test" });

        Assert.Contains("CivilProtection:Tables:TablePrefix must be a letter followed by letters or digits", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task A_connection_cap_out_of_range_is_named(string maxConnections)
    {
        var message = await StartupFailureAsync("Development", new() { ["CivilProtection:Tables:MaxConnections"] = maxConnections });

        Assert.Contains("CivilProtection:Tables:MaxConnections must be a whole number from 1 to 1000", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("51")]
    public async Task Background_slots_out_of_range_are_named(string backgroundCalls)
    {
        var message = await StartupFailureAsync("Development", new() { ["CivilProtection:Tables:BackgroundCalls"] = backgroundCalls });

        Assert.Contains("CivilProtection:Tables:BackgroundCalls must be a whole number from 0 (no gate) to CivilProtection:Tables:MaxConnections", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_background_wait_beyond_a_second_is_named()
    {
        var message = await StartupFailureAsync("Development", new() { ["CivilProtection:Tables:BackgroundCallWait"] = "00:00:02" });

        Assert.Contains("CivilProtection:Tables:BackgroundCallWait must be a duration from 00:00:00 to 00:00:01", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Azure_the_public_address_of_the_app_is_required()
    {
        var settings = AzureSettings.BehindAppServiceAuthentication();
        settings.Remove("CivilProtection:Twilio:PublicBaseUrl");

        var message = await StartupFailureAsync("Production", settings);

        Assert.Contains("CivilProtection:Twilio:PublicBaseUrl is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_setting_of_a_concern_is_named_at_once()
    {
        var message = await StartupFailureAsync("Development", new()
        {
            ["CivilProtection:Azure:ManagedIdentityClientId"] = "nope",
            ["CivilProtection:Tables:TablePrefix"] = "-",
            ["CivilProtection:ServiceBus:FullyQualifiedNamespace"] = "https://sb-civprot.servicebus.windows.net",
        });

        Assert.Contains("CivilProtection:Azure:ManagedIdentityClientId", message, StringComparison.Ordinal);
        Assert.Contains("CivilProtection:Tables:TablePrefix", message, StringComparison.Ordinal);
        Assert.Contains("CivilProtection:ServiceBus:FullyQualifiedNamespace", message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Azure(params (string Key, string Value)[] overrides)
    {
        var settings = AzureSettings.BehindAppServiceAuthentication();
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Builds and starts the local host as <see cref="TestHost"/> does, and returns what stopped it (failing if it started).</summary>
    private static async Task<string> StartupFailureAsync(string environment, Dictionary<string, string?> settings)
    {
        var azurite = await Azurite.SharedAsync();
        var args = new List<string>
        {
            $"--environment={environment}",
            "--urls=http://127.0.0.1:0",
            $"--CivilProtection:Tables:ConnectionString={azurite.ConnectionString}",
            $"--CivilProtection:Tables:TablePrefix={Azurite.UniquePrefix()}",
            "--Logging:LogLevel:Default=None",
        };
        args.AddRange(settings.Select(setting => $"--{setting.Key}={setting.Value}"));

        Microsoft.AspNetCore.Builder.WebApplication? app = null;
        try
        {
            app = LocalHostApp.Build([.. args]);
            await app.StartAsync();
        }
        catch (Exception ex)
        {
            return Describe(ex);
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
        Assert.Fail("The app started although a setting was bad.");
        return "";
    }

    private static string Describe(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(Environment.NewLine, aggregate.InnerExceptions.Select(Describe)),
        _ => exception.Message + (exception.InnerException is { } inner ? Environment.NewLine + Describe(inner) : ""),
    };
}
