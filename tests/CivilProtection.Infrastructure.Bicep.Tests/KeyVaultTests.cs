using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The vault authorises with RBAC, keeps deleted secrets, and holds the Twilio token only when given one.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class KeyVaultTests(CompiledInfrastructure infra)
{
    private DeployedResource Vault => infra.Production.Resource("Microsoft.KeyVault/vaults");

    [Fact]
    public void Key_Vault_authorises_with_Azure_RBAC_only()
    {
        Assert.True(Vault.Property("enableRbacAuthorization")!.GetValue<bool>());
        Assert.False(Vault.Properties!.AsObject().ContainsKey("accessPolicies"));
    }

    [Fact]
    public void Key_Vault_keeps_deleted_secrets_and_cannot_be_purged()
    {
        Assert.True(Vault.Property("enablePurgeProtection")!.GetValue<bool>());
        Assert.True(Vault.Property("enableSoftDelete")!.GetValue<bool>());
        Assert.InRange(Vault.Property("softDeleteRetentionInDays")!.GetValue<int>(), 7, 90);
    }

    [Fact]
    public void Twilio_secret_is_not_written_when_no_token_is_given()
    {
        var secret = infra.Production.Resource("Microsoft.KeyVault/vaults/secrets");

        Assert.False(secret.IsDeployed, "An empty token would overwrite the secret an operator set.");
    }

    [Fact]
    public void Twilio_secret_holds_the_token_when_one_is_given()
    {
        var deployment = infra.Deploy("env/prod.bicepparam", p => p["twilioAuthToken"] = JsonValue.Create("token-from-the-operator"));
        var secret = deployment.Resource("Microsoft.KeyVault/vaults/secrets");

        Assert.True(secret.IsDeployed);
        Assert.Equal($"{Vault.Name}/twilio-auth-token", secret.Name);
        Assert.Equal("token-from-the-operator", secret.Property("value")!.GetValue<string>());
    }

    [Fact]
    public void Twilio_auth_token_parameter_is_secure()
    {
        Assert.Equal("securestring", infra.MainTemplate["parameters"]!["twilioAuthToken"]!["type"]!.GetValue<string>());
    }
}
