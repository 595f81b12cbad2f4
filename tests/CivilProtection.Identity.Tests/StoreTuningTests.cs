using CivilProtection.Infrastructure.Composition;
using CivilProtection.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CivilProtection.Identity.Tests;

/// <summary>
/// The storage tuning follows the store each host uses (docs/configuration.md, "Tuned per store"): the code's defaults,
/// which the Functions app runs with, are those measured for Azure Table Storage; the local host's embedded settings
/// keep those measured on Azurite.
/// </summary>
public sealed class StoreTuningTests
{
    [Fact]
    public void Without_settings_the_tables_are_tuned_for_Azure_Table_Storage()
    {
        var tables = new TableStorageOptions();

        Assert.Equal(200, tables.MaxConnections);
    }

    [Fact]
    public async Task The_local_host_keeps_the_tuning_measured_on_Azurite()
    {
        await using var app = LocalHostApp.Build(["--environment=Development", "--CivilProtection:Tables:ConnectionString=UseDevelopmentStorage=true"]);

        var tables = app.Services.GetRequiredService<IOptions<CivilProtectionOptions>>().Value.Tables;

        Assert.Equal(50, tables.MaxConnections);
    }
}
