using CivilProtection.Application.Notices;
using CivilProtection.Infrastructure.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Configuration;

/// <summary>The start-up checks of the settings, beyond what each concern's own registration validates (see <c>docs/configuration.md</c>).</summary>
public static class ConfigurationComposition
{
    /// <summary>
    /// Adds validators that name each bad setting and what it expects, for <see cref="CivilProtectionOptions"/> (tables,
    /// Service Bus, identity) and <see cref="NoticeOptions"/>. They run on start with the options' other validations:
    /// a bad setting stops the app before it serves anything.
    /// </summary>
    public static IServiceCollection AddCivilProtectionConfiguration(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<CivilProtectionOptions>, StorageOptionsValidation>();
        services.AddSingleton<IValidateOptions<NoticeOptions>, NoticeOptionsValidation>();
        services.AddOptions<CivilProtectionOptions>().ValidateOnStart();
        services.AddOptions<NoticeOptions>().ValidateOnStart();
        return services;
    }
}
