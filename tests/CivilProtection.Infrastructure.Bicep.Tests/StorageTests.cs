namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The storage account is reached with Entra ID only, over TLS 1.2, with nothing public.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class StorageTests(CompiledInfrastructure infra)
{
    private DeployedResource Account => infra.Production.Resource("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Storage_account_refuses_shared_key_access()
    {
        Assert.False(Account.Property("allowSharedKeyAccess")!.GetValue<bool>());
        Assert.True(Account.Property("defaultToOAuthAuthentication")!.GetValue<bool>());
    }

    [Fact]
    public void Storage_account_requires_TLS_1_2_and_HTTPS()
    {
        Assert.Equal("TLS1_2", Account.Property("minimumTlsVersion")!.GetValue<string>());
        Assert.True(Account.Property("supportsHttpsTrafficOnly")!.GetValue<bool>());
    }

    [Fact]
    public void Storage_account_refuses_public_blob_access()
    {
        Assert.False(Account.Property("allowBlobPublicAccess")!.GetValue<bool>());
        var container = infra.Production.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", container.Property("publicAccess")!.GetValue<string>());
    }

    [Fact]
    public void Deployment_package_container_lives_in_the_app_storage_account()
    {
        var container = infra.Production.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal($"{Account.Name}/default/app-package", container.Name);
    }

    [Fact]
    public void Production_storage_is_zone_redundant()
    {
        Assert.Equal("Standard_ZRS", Account.Evaluated["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("Standard_LRS", infra.Deploy("env/dev.bicepparam").Resource("Microsoft.Storage/storageAccounts").Evaluated["sku"]!["name"]!.GetValue<string>());
    }
}
