using Microsoft.Extensions.Configuration;

namespace CivilProtection.Infrastructure.Configuration;

/// <summary>Whether the app runs in Azure: there, and only there, it is configured to trust App Service authentication.</summary>
public static class AzureHosting
{
    /// <summary>The setting Bicep sets to <c>true</c> in Azure (bound by the API as <c>IdentityOptions</c>, which this layer cannot see).</summary>
    public const string TrustAppServiceAuthenticationKey = "CivilProtection:Identity:TrustAppServiceAuthentication";

    /// <summary>True when the app is configured as running behind App Service authentication, that is in Azure.</summary>
    /// <remarks>A malformed value reads as false here; binding it for the API stops the app with a message naming it.</remarks>
    public static bool IsBehindAppServiceAuthentication(IConfiguration configuration) =>
        bool.TryParse(configuration[TrustAppServiceAuthenticationKey], out var trusted) && trusted;
}
