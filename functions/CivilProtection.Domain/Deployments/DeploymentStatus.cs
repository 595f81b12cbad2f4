using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Deployments;

/// <summary>Where a deployment (one partner's commitments on a request) stands, from mobilising to back home.</summary>
public enum DeploymentStatus
{
    Mobilising,
    Departed,
    ArrivedOnSite,
    Operating,
    Demobilising,
    Returned,
}

/// <summary>The kebab-case names the API, storage and SMS use for <see cref="DeploymentStatus"/>.</summary>
public static class DeploymentStatusNames
{
    public static string Of(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Mobilising => "mobilising",
        DeploymentStatus.Departed => "departed",
        DeploymentStatus.ArrivedOnSite => "arrived-on-site",
        DeploymentStatus.Operating => "operating",
        DeploymentStatus.Demobilising => "demobilising",
        _ => "returned",
    };

    public static bool TryParse(string? value, out DeploymentStatus status) => WireNames.TryParse(value, Of, out status);
}
