namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>How resource ids read once evaluated: resourceId() is only known to Azure, so it stays as text.</summary>
public static class ResourceIds
{
    /// <summary>The evaluated text of resourceId(type, name) in the deployment's resource group.</summary>
    public static string Id(string type, string name) =>
        "${resourceId('" + type + "', '" + name.Replace("'", "''", StringComparison.Ordinal) + "')}";
}
