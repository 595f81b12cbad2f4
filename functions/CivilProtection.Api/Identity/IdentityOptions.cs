using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CivilProtection.Api.Identity;

/// <summary>How the app learns who is calling (section <c>CivilProtection:Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "CivilProtection:Identity";

    /// <summary>
    /// True only when the app runs behind App Service authentication (Bicep sets it in Azure): then, and only then,
    /// the <c>X-MS-CLIENT-PRINCIPAL</c> header is believed. Anywhere else anyone could send that header.
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }
}

/// <summary>
/// Refuses to start with App Service authentication trusted in Development: the Development sign-in lets anyone act as
/// anyone with one header, so a Development build behind Easy Auth would let every signed-in person impersonate the others.
/// </summary>
public sealed class IdentityOptionsValidation(IHostEnvironment environment) : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options) =>
        options.TrustAppServiceAuthentication && environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"{IdentityOptions.SectionName}:TrustAppServiceAuthentication must not be true in the Development environment: "
                + $"the Development sign-in ({DevelopmentSignIn.Header}) would let anyone act as anyone behind App Service authentication. "
                + "Run with ASPNETCORE_ENVIRONMENT/AZURE_FUNCTIONS_ENVIRONMENT set to Production in Azure, or set the setting to false locally.")
            : ValidateOptionsResult.Success;
}
