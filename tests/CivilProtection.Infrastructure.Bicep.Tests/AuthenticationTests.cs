using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>App Service authentication asks for an Entra sign-in everywhere but the webhooks and the health probe.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class AuthenticationTests(CompiledInfrastructure infra)
{
    private DeployedResource AuthSettings => AuthSettingsOf(infra.Production);

    [Fact]
    public void Sign_in_is_configured_on_the_function_app()
    {
        Assert.Equal($"{infra.Production.Resource("Microsoft.Web/sites").Name}/authsettingsV2", AuthSettings.Name);
        Assert.True(AuthSettings.Property("platform.enabled")!.GetValue<bool>());
        Assert.True(AuthSettings.Property("httpSettings.requireHttps")!.GetValue<bool>());
    }

    [Fact]
    public void Unauthenticated_browsers_are_sent_to_the_Entra_sign_in_page()
    {
        Assert.True(AuthSettings.Property("globalValidation.requireAuthentication")!.GetValue<bool>());
        Assert.Equal("RedirectToLoginPage", AuthSettings.Property("globalValidation.unauthenticatedClientAction")!.GetValue<string>());
        Assert.Equal("azureactivedirectory", AuthSettings.Property("globalValidation.redirectToProvider")!.GetValue<string>());
    }

    [Fact]
    public void Twilio_webhooks_and_the_health_probe_are_excluded_from_sign_in()
    {
        var excluded = AuthSettings.Property("globalValidation.excludedPaths")!.AsArray().Select(p => p!.GetValue<string>());

        Assert.Equal(["/api/health", "/api/sms/inbound", "/api/sms/status", "/api/voice/gather", "/api/voice/prompt", "/api/voice/status"], excluded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Entra_ID_validates_tokens_of_the_app_registration_in_the_given_tenant()
    {
        var clientId = infra.ParameterFiles["env/prod.bicepparam"].Values["authClientId"]!.GetValue<string>();
        var entra = AuthSettings.Property("identityProviders.azureActiveDirectory")!;

        Assert.True(entra["enabled"]!.GetValue<bool>());
        Assert.Equal(clientId, entra["registration"]!["clientId"]!.GetValue<string>());
        Assert.Equal("${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0", entra["registration"]!["openIdIssuer"]!.GetValue<string>());
        Assert.Equal([$"api://{clientId}", clientId], entra["validation"]!["allowedAudiences"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void Another_tenant_can_be_given()
    {
        const string tenant = "11111111-2222-3333-4444-555555555555";
        var settings = AuthSettingsOf(infra.Deploy("env/prod.bicepparam", p => p["authTenantId"] = JsonValue.Create(tenant)));

        Assert.Equal($"${{environment().authentication.loginEndpoint}}{tenant}/v2.0", settings.Property("identityProviders.azureActiveDirectory.registration.openIdIssuer")!.GetValue<string>());
    }

    [Fact]
    public void Client_secret_is_read_from_the_app_setting_only_when_one_is_used()
    {
        Assert.Null(AuthSettings.Property("identityProviders.azureActiveDirectory.registration.clientSecretSettingName"));

        var withSecret = AuthSettingsOf(infra.Deploy("env/prod.bicepparam", p => p["authUsesClientSecret"] = JsonValue.Create(true)));
        Assert.Equal("MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", withSecret.Property("identityProviders.azureActiveDirectory.registration.clientSecretSettingName")!.GetValue<string>());
    }

    [Fact]
    public void Provider_tokens_are_not_stored()
    {
        Assert.False(AuthSettings.Property("login.tokenStore.enabled")!.GetValue<bool>());
    }

    private static DeployedResource AuthSettingsOf(ArmDeployment deployment) =>
        deployment.OfType("Microsoft.Web/sites/config").Single(c => c.Name.EndsWith("/authsettingsV2", StringComparison.Ordinal));
}
