using CivilProtection.Application.Rosters;
using CivilProtection.Infrastructure.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CivilProtection.Infrastructure.Rosters;

/// <summary>Registers people and on-call rosters (Table Storage) and their use cases; safe to call more than once.</summary>
public static class RosterServiceCollectionExtensions
{
    public static IServiceCollection AddRosters(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TablePeople>();
        services.TryAddSingleton<IPeople>(sp => sp.GetRequiredService<TablePeople>());
        services.TryAddSingleton<TableRosters>();
        services.TryAddSingleton<IRosters>(sp => sp.GetRequiredService<TableRosters>());
        services.TryAddSingleton<IVersionedRosters>(sp => sp.GetRequiredService<TableRosters>());
        services.TryAddSingleton<RosterTeams>();
        services.TryAddSingleton<RosterAdministration>();
        services.TryAddSingleton<OnCallLookup>();
        services.TryAddSingleton<Application.Identity.ProfileLanguages>();
        return services;
    }
}
