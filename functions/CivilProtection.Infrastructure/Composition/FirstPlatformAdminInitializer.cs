using CivilProtection.Application.Directory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>At start-up (after the tables exist), creates the platform administrator the deployment names, if the directory lacks them.</summary>
public sealed partial class FirstPlatformAdminInitializer(FirstPlatformAdmin bootstrap, IConfiguration configuration, ILogger<FirstPlatformAdminInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (FirstPlatformAdmin.UserIdOf(configuration[FirstPlatformAdmin.SettingKey]) is { } userId && await bootstrap.EnsureAsync(userId, cancellationToken))
        {
            LogCreated(userId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first platform administrator {UserId} named by the deployment")]
    private partial void LogCreated(string userId);
}
