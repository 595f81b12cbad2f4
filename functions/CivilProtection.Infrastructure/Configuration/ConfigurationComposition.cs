using CivilProtection.Infrastructure.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Configuration;

/// <summary>The start-up checks of the settings, beyond what each concern's own registration validates (see <c>docs/configuration.md</c>).</summary>
public static class ConfigurationComposition
{
    /// <summary>
    /// Adds the validator that names each bad setting of <see cref="CivilProtectionOptions"/> (tables, Service Bus, the
    /// managed identity) and what it expects, and refuses account keys in Azure. It runs on start with the options'
    /// other validations: a bad setting stops the app before it serves anything.
    /// </summary>
    public static IServiceCollection AddCivilProtectionConfiguration(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<CivilProtectionOptions>, StorageOptionsValidation>();
        services.AddOptions<CivilProtectionOptions>().ValidateOnStart();
        return services;
    }
}
