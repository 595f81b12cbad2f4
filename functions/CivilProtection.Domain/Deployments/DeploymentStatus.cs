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
