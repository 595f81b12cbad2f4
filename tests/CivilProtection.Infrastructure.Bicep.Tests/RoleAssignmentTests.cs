using System.Text.RegularExpressions;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The app identity holds each role it needs on the one resource that needs it, and no other.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledInfrastructure infra)
{
    /// <summary>Each role the app's identity needs: built-in role definition id and the type of the one resource it is granted on.</summary>
    public static TheoryData<string, string, string> ExpectedRoles => new()
    {
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts" },
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts" },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts" },
        { "Azure Service Bus Data Sender", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Microsoft.ServiceBus/namespaces" },
        { "Azure Service Bus Data Receiver", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Microsoft.ServiceBus/namespaces" },
        { "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults" },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components" },
    };

    private List<DeployedResource> Assignments => infra.Production.OfType("Microsoft.Authorization/roleAssignments").ToList();

    private string IdentityName => infra.Production.Resource("Microsoft.ManagedIdentity/userAssignedIdentities").Name;

    [Theory]
    [MemberData(nameof(ExpectedRoles))]
    public void App_identity_holds_the_role_on_the_one_resource_that_needs_it(string role, string roleDefinitionId, string resourceType)
    {
        var granted = Assignments.Where(a => RoleDefinitionId(a) == roleDefinitionId).ToList();

        var assignment = Assert.Single(granted);
        var resource = infra.Production.Resource(resourceType);
        Assert.True(assignment.Scope == ResourceIds.Id(resourceType, resource.Name), $"{role} is granted on {assignment.Scope ?? "the resource group"}, not on {resource}.");
        Assert.Equal("ServicePrincipal", assignment.Property("principalType")!.GetValue<string>());
        Assert.Equal(
            $"${{reference({ResourceIds.Id("Microsoft.ManagedIdentity/userAssignedIdentities", IdentityName)[2..^1]}, '2024-11-30').principalId}}",
            assignment.Property("principalId")!.GetValue<string>());
    }

    [Fact]
    public void App_identity_holds_no_other_role()
    {
        var expected = ExpectedRoles.Select(row => (string)row[1]).Order(StringComparer.Ordinal);

        Assert.Equal(expected, Assignments.Select(RoleDefinitionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_role_is_assigned_on_the_subscription_or_the_resource_group()
    {
        // main.bicep deploys into one resource group, and no module moves to another scope.
        Assert.EndsWith("/deploymentTemplate.json#", infra.MainTemplate["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(
            infra.Production.AllDeployments.SelectMany(d => d.Resources).Where(r => r.Type == "Microsoft.Resources/deployments"),
            module =>
            {
                Assert.False(module.Declaration.ContainsKey("subscriptionId"), $"{module} targets another subscription.");
                Assert.False(module.Declaration.ContainsKey("scope"), $"{module} targets another scope.");
            });

        Assert.NotEmpty(Assignments);
        Assert.All(Assignments, a =>
        {
            // Without a scope an assignment applies to the whole resource group of the deployment.
            Assert.False(a.Scope is null, $"{a.Name} has no scope: it would apply to the resource group.");
            var scope = ResourceScopePattern().Match(a.Scope);
            Assert.True(scope.Success, $"{a.Scope} is not one resource of the resource group.");
            Assert.Single(scope.Groups["type"].Value, '/');
        });
    }

    [Fact]
    public void Role_assignment_names_are_stable_guids_of_scope_identity_and_role()
    {
        var identityId = ResourceIds.Id("Microsoft.ManagedIdentity/userAssignedIdentities", IdentityName)[2..^1];

        Assert.All(Assignments, a => Assert.Equal(
            $"${{guid({a.Scope![2..^1]}, {identityId}, '{RoleDefinitionId(a)}')}}",
            a.Name));
    }

    private static string RoleDefinitionId(DeployedResource assignment)
    {
        var text = assignment.Property("roleDefinitionId")!.GetValue<string>();
        var match = RoleDefinitionPattern().Match(text);
        Assert.True(match.Success, $"{text} is not a built-in role definition id.");
        return match.Groups["id"].Value;
    }

    [GeneratedRegex(@"^\$\{resourceId\('(?<type>[^']+)', '(?<name>.+)'\)\}$")]
    private static partial Regex ResourceScopePattern();

    [GeneratedRegex(@"^\$\{subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '(?<id>[0-9a-f-]{36})'\)\}$")]
    private static partial Regex RoleDefinitionPattern();
}
