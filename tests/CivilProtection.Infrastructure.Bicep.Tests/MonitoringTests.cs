namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>Telemetry is accepted only with Entra tokens and lands in the workspace.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class MonitoringTests(CompiledInfrastructure infra)
{
    private DeployedResource ApplicationInsights => infra.Production.Resource("Microsoft.Insights/components");

    [Fact]
    public void Application_Insights_refuses_telemetry_not_authenticated_with_Entra_ID()
    {
        Assert.True(ApplicationInsights.Property("DisableLocalAuth")!.GetValue<bool>());
    }

    [Fact]
    public void Application_Insights_stores_its_data_in_the_Log_Analytics_workspace()
    {
        var workspace = infra.Production.Resource("Microsoft.OperationalInsights/workspaces");

        Assert.Equal(ResourceIds.Id("Microsoft.OperationalInsights/workspaces", workspace.Name), ApplicationInsights.Property("WorkspaceResourceId")!.GetValue<string>());
        Assert.Equal(90, workspace.Property("retentionInDays")!.GetValue<long>());
    }
}
