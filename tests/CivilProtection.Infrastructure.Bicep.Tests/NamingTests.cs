namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>Every resource name comes from the environment name and the resource token.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class NamingTests(CompiledInfrastructure infra)
{
    private const string Token = "${toLower(uniqueString(subscription().id, resourceGroup().id, 'prod'))}";

    [Fact]
    public void Resource_token_is_unique_to_subscription_resource_group_and_environment()
    {
        var token = infra.Production.Scope.Variable("resourceToken");

        Assert.Equal(Token, ArmExpression.AsText(token));
    }

    [Fact]
    public void Every_created_resource_name_derives_from_the_environment_and_the_resource_token()
    {
        var topLevel = infra.Production.CreatedResources
            .Where(r => r.Type.Count(c => c == '/') == 1 && r.Type != "Microsoft.Authorization/roleAssignments")
            .ToList();

        Assert.NotEmpty(topLevel);
        Assert.All(topLevel, r => Assert.Contains(Token, r.Name, StringComparison.Ordinal));
        // Where the naming rules leave room, the environment is spelled out for the people reading the portal.
        Assert.All(
            topLevel.Where(r => r.Type is not "Microsoft.Storage/storageAccounts" and not "Microsoft.KeyVault/vaults"),
            r => Assert.Contains("-prod-", r.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_and_vault_names_fit_their_24_character_limit()
    {
        // The token is 13 characters; what precedes it is fixed.
        var storage = infra.Production.Resource("Microsoft.Storage/storageAccounts").Name.Replace(Token, new string('x', 13), StringComparison.Ordinal);
        var vault = infra.Production.Resource("Microsoft.KeyVault/vaults").Name.Replace(Token, new string('x', 13), StringComparison.Ordinal);

        Assert.InRange(storage.Length, 3, 24);
        Assert.Matches("^[a-z0-9]+$", storage);
        Assert.InRange(vault.Length, 3, 24);
    }
}
