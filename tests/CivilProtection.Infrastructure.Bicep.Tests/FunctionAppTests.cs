using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The Function App: Flex Consumption, .NET 10 isolated, HTTPS and TLS 1.2, no FTP, one identity, and the settings the app reads.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class FunctionAppTests(CompiledInfrastructure infra)
{
    private DeployedResource Site => infra.Production.Resource("Microsoft.Web/sites");

    private DeployedResource Plan => infra.Production.Resource("Microsoft.Web/serverfarms");

    private string IdentityId => ResourceIds.Id("Microsoft.ManagedIdentity/userAssignedIdentities", infra.Production.Resource("Microsoft.ManagedIdentity/userAssignedIdentities").Name);

    private JsonObject AppSettings => AppSettingsOf(infra.Production);

    [Fact]
    public void Function_app_runs_on_the_Flex_Consumption_FC1_plan()
    {
        Assert.Equal("FC1", Plan.Evaluated["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", Plan.Evaluated["sku"]!["tier"]!.GetValue<string>());
        Assert.True(Plan.Property("reserved")!.GetValue<bool>(), "Flex Consumption is Linux only.");
        Assert.Equal(ResourceIds.Id("Microsoft.Web/serverfarms", Plan.Name), Site.Property("serverFarmId")!.GetValue<string>());
        Assert.Equal("functionapp,linux", Site.Evaluated["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Function_app_runs_the_dotnet_isolated_worker_on_NET_10()
    {
        Assert.Equal("dotnet-isolated", Site.Property("functionAppConfig.runtime.name")!.GetValue<string>());
        Assert.Equal("10.0", Site.Property("functionAppConfig.runtime.version")!.GetValue<string>());
    }

    [Fact]
    public void Function_app_answers_only_HTTPS_with_TLS_1_2_or_later()
    {
        Assert.True(Site.Property("httpsOnly")!.GetValue<bool>());
        Assert.Equal("1.2", Site.Property("siteConfig.minTlsVersion")!.GetValue<string>());
        Assert.Equal("1.2", Site.Property("siteConfig.scmMinTlsVersion")!.GetValue<string>());
    }

    [Fact]
    public void Ftp_and_basic_publishing_credentials_are_disabled()
    {
        Assert.Equal("Disabled", Site.Property("siteConfig.ftpsState")!.GetValue<string>());
        var policies = infra.Production.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal([$"{Site.Name}/ftp", $"{Site.Name}/scm"], policies.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False(p.Property("allow")!.GetValue<bool>(), p.Name));
    }

    [Fact]
    public void Function_app_runs_as_the_user_assigned_identity_only()
    {
        Assert.Equal("UserAssigned", Site.Evaluated["identity"]!["type"]!.GetValue<string>());
        Assert.Equal([IdentityId], Site.Evaluated["identity"]!["userAssignedIdentities"]!.AsObject().Select(i => i.Key));
        Assert.Equal(IdentityId, Site.Property("keyVaultReferenceIdentity")!.GetValue<string>());
    }

    [Fact]
    public void Deployment_package_is_read_from_the_app_container_with_the_user_assigned_identity()
    {
        var storage = Site.Property("functionAppConfig.deployment.storage")!;

        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Equal("${reference('storage').primaryEndpoints.blob}app-package", storage["value"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal(IdentityId, storage["authentication"]!["userAssignedIdentityResourceId"]!.GetValue<string>());
        Assert.False(storage["authentication"]!.AsObject().ContainsKey("storageAccountConnectionStringName"));
    }

    [Fact]
    public void Functions_host_reaches_its_storage_with_the_identity()
    {
        var account = infra.Production.Resource("Microsoft.Storage/storageAccounts").Name;

        Assert.Equal(account, Setting("AzureWebJobsStorage__accountName"));
        Assert.Equal("managedidentity", Setting("AzureWebJobsStorage__credential"));
        Assert.Equal("${reference('identity').clientId}", Setting("AzureWebJobsStorage__clientId"));
        Assert.False(AppSettings.ContainsKey("AzureWebJobsStorage"), "A connection string would need the shared key.");
    }

    [Fact]
    public void Telemetry_is_sent_with_the_identity()
    {
        Assert.Equal("ClientId=${reference('identity').clientId};Authorization=AAD", Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Equal("${reference('applicationInsights').ConnectionString}", Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"));
    }

    [Fact]
    public void Twilio_auth_token_setting_is_a_Key_Vault_reference_to_the_latest_secret_version()
    {
        Assert.Equal(
            "@Microsoft.KeyVault(SecretUri=${reference('keyVault').outputs.vaultUri.value}secrets/twilio-auth-token)",
            Setting("CivilProtection__Twilio__AuthToken"));

        // The vault it points at is the one the Key Vault module creates, and the secret is the one it writes.
        Assert.Equal("${reference('vault').vaultUri}", infra.Production.Module("keyvault").Outputs["vaultUri"]!.GetValue<string>());
        var written = infra.Deploy("env/prod.bicepparam", p => p["twilioAuthToken"] = JsonValue.Create("x")).Resource("Microsoft.KeyVault/vaults/secrets");
        Assert.EndsWith("/twilio-auth-token", written.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void App_settings_tell_the_app_where_everything_is()
    {
        var parameters = infra.ParameterFiles["env/prod.bicepparam"].Values;

        Assert.Equal("${reference('storage').outputs.tableServiceUri.value}", Setting("CivilProtection__Tables__ServiceUri"));
        Assert.Equal(
            $"https://{infra.Production.Resource("Microsoft.Storage/storageAccounts").Name}.table.${{environment().suffixes.storage}}",
            infra.Production.Module("storage").Outputs["tableServiceUri"]!.GetValue<string>());
        Assert.Equal("${reference('serviceBus').outputs.fullyQualifiedNamespace.value}", Setting("CivilProtection__ServiceBus__FullyQualifiedNamespace"));
        Assert.Equal("${reference('identity').clientId}", Setting("CivilProtection__Azure__ManagedIdentityClientId"));
        Assert.Equal("true", Setting("CivilProtection__Identity__TrustAppServiceAuthentication"));
        Assert.Equal(parameters["twilioAccountSid"]!.GetValue<string>(), Setting("CivilProtection__Twilio__AccountSid"));
        Assert.Equal(parameters["twilioMessagingServiceSid"]!.GetValue<string>(), Setting("CivilProtection__Twilio__MessagingServiceSid"));
        Assert.Equal("https://${reference('site').defaultHostName}", Setting("CivilProtection__Twilio__PublicBaseUrl"));
    }

    [Fact]
    public void The_first_platform_administrator_is_the_deployment_s_parameter()
    {
        var parameters = infra.ParameterFiles["env/prod.bicepparam"].Values;
        Assert.Equal(parameters["firstPlatformAdminObjectId"]!.GetValue<string>(), Setting("CivilProtection__Directory__FirstPlatformAdmin"));
    }

    [Fact]
    public void App_settings_are_exactly_those_the_host_and_the_app_read()
    {
        string[] expected =
        [
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__clientId",
            "AzureWebJobsStorage__credential",
            "CivilProtection__Azure__ManagedIdentityClientId",
            "CivilProtection__Directory__FirstPlatformAdmin",
            "CivilProtection__Identity__TrustAppServiceAuthentication",
            "CivilProtection__ServiceBus__FullyQualifiedNamespace",
            "CivilProtection__Tables__ServiceUri",
            "CivilProtection__Twilio__AccountSid",
            "CivilProtection__Twilio__AuthToken",
            "CivilProtection__Twilio__MessagingServiceSid",
            "CivilProtection__Twilio__PublicBaseUrl",
        ];

        // Flex Consumption refuses FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE:
        // functionAppConfig carries the runtime and the package instead.
        Assert.Equal(expected, AppSettings.Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_app_setting_carries_a_key_or_a_connection_string_secret()
    {
        Assert.All(AppSettings, s =>
        {
            var value = ArmExpression.AsText(s.Value);
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Entra_client_secret_setting_is_a_Key_Vault_reference_when_a_secret_is_used()
    {
        var withSecret = AppSettingsOf(infra.Deploy("env/prod.bicepparam", p => p["authUsesClientSecret"] = JsonValue.Create(true)));

        Assert.Equal(
            "@Microsoft.KeyVault(SecretUri=${reference('keyVault').outputs.vaultUri.value}secrets/entra-auth-client-secret)",
            withSecret["MICROSOFT_PROVIDER_AUTHENTICATION_SECRET"]!.GetValue<string>());
        Assert.False(AppSettings.ContainsKey("MICROSOFT_PROVIDER_AUTHENTICATION_SECRET"));
    }

    [Fact]
    public void Twilio_pacing_is_the_parameters_rate_and_unset_at_zero()
    {
        var paced = AppSettingsOf(infra.Deploy("env/prod.bicepparam", p => p["twilioMessagesPerSecond"] = JsonValue.Create(10)));

        Assert.Equal("10", ArmExpression.AsText(paced["CivilProtection__Twilio__MessagesPerSecond"]));
        Assert.Equal(0, infra.ParameterFiles["env/prod.bicepparam"].Values["twilioMessagesPerSecond"]!.GetValue<int>());
        Assert.False(AppSettings.ContainsKey("CivilProtection__Twilio__MessagesPerSecond"), "At 0 the app must not pace.");
    }

    [Fact]
    public void The_voice_number_is_the_parameters_and_unset_when_empty()
    {
        var ringing = AppSettingsOf(infra.Deploy("env/prod.bicepparam", p => p["twilioVoiceFromNumber"] = JsonValue.Create("+33159000000")));

        Assert.Equal("+33159000000", ArmExpression.AsText(ringing["CivilProtection__Twilio__VoiceFromNumber"]));
        Assert.False(AppSettings.ContainsKey("CivilProtection__Twilio__VoiceFromNumber"), "Without a number the app must place no calls.");
    }

    [Fact]
    public void Flex_Consumption_scale_limits_come_from_the_parameters()
    {
        Assert.Equal(40, Site.Property("functionAppConfig.scaleAndConcurrency.maximumInstanceCount")!.GetValue<long>());
        Assert.Equal(2048, Site.Property("functionAppConfig.scaleAndConcurrency.instanceMemoryMB")!.GetValue<long>());
    }

    private string Setting(string name) =>
        AppSettings.TryGetPropertyValue(name, out var value)
            ? ArmExpression.AsText(value)
            : throw new KeyNotFoundException($"No app setting {name}; there are: {string.Join(", ", AppSettings.Select(s => s.Key))}.");

    private static JsonObject AppSettingsOf(ArmDeployment deployment)
    {
        var config = deployment.OfType("Microsoft.Web/sites/config").Single(c => c.Name.EndsWith("/appsettings", StringComparison.Ordinal));
        return config.Properties as JsonObject
            ?? throw new InvalidOperationException($"The app settings are not known before deployment: {config.Properties?.ToJsonString()}");
    }
}
