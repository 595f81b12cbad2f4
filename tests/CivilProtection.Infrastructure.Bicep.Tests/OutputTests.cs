namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The deployment outputs what the operator pastes into Twilio and Entra and what the publish step needs.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class OutputTests(CompiledInfrastructure infra)
{
    private const string AppUrl = "${reference('functionApp').outputs.url.value}";

    [Fact]
    public void App_url_is_the_https_default_host_name_of_the_function_app()
    {
        Assert.Equal(AppUrl, Output("appUrl"));
        Assert.Equal("https://${reference('site').defaultHostName}", infra.Production.Module("functionapp").Outputs["url"]!.GetValue<string>());
    }

    [Fact]
    public void Outputs_give_the_webhook_urls_to_paste_into_Twilio()
    {
        Assert.Equal(AppUrl + "/api/sms/inbound", Output("twilioInboundWebhookUrl"));
        Assert.Equal(AppUrl + "/api/sms/status", Output("twilioStatusCallbackUrl"));
    }

    [Fact]
    public void Outputs_give_the_redirect_uri_for_the_app_registration()
    {
        Assert.Equal(AppUrl + "/.auth/login/aad/callback", Output("authRedirectUri"));
    }

    [Theory]
    [InlineData("functionAppName", "functionapp", "name")]
    [InlineData("storageAccountName", "storage", "name")]
    [InlineData("serviceBusNamespaceName", "servicebus", "name")]
    [InlineData("keyVaultName", "keyvault", "name")]
    [InlineData("applicationInsightsName", "monitoring", "applicationInsightsName")]
    [InlineData("managedIdentityClientId", "identity", "clientId")]
    public void Outputs_give_the_names_the_publish_and_operations_steps_need(string output, string module, string moduleOutput)
    {
        Assert.Equal($"${{reference('{ModuleSymbol(module)}').outputs.{moduleOutput}.value}}", Output(output));
        Assert.True(infra.Production.Module(module).Outputs.ContainsKey(moduleOutput));
    }

    [Fact]
    public void Outputs_give_the_resource_group_and_the_Twilio_secret_name()
    {
        Assert.Equal("${resourceGroup().name}", Output("resourceGroupName"));
        Assert.Equal("twilio-auth-token", Output("twilioAuthTokenSecretName"));
    }

    private string Output(string name) =>
        infra.Production.Outputs.TryGetPropertyValue(name, out var value)
            ? ArmExpression.AsText(value)
            : throw new KeyNotFoundException($"No output {name}; there are: {string.Join(", ", infra.Production.Outputs.Select(o => o.Key))}.");

    // The symbolic name main.bicep gives the module deployed under that name.
    private string ModuleSymbol(string deploymentName) =>
        infra.Production.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == deploymentName).Symbol;
}
