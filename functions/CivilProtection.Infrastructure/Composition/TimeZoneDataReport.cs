using CivilProtection.Domain.Authorities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>Says at start-up which tzdb release local times come from (also on <c>GET /api/health</c>).</summary>
public sealed partial class TimeZoneDataReport(ILogger<TimeZoneDataReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogTimeZoneData(TimeZoneData.Version);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Local times are computed with NodaTime's tzdb {TzdbVersion}; the machine's own time-zone data is never used")]
    private partial void LogTimeZoneData(string tzdbVersion);
}
