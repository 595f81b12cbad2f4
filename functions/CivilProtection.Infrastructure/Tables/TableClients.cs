using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>How the app's table clients reach the endpoint: the SDK's own transport settings, with a cap on connections.</summary>
public static class TableClients
{
    /// <param name="maxConnections">See <see cref="Composition.TableStorageOptions.MaxConnections"/>.</param>
    /// <param name="backgroundCalls">See <see cref="Composition.TableStorageOptions.BackgroundCalls"/>; 0: no gate.</param>
    /// <param name="backgroundCallWait">See <see cref="Composition.TableStorageOptions.BackgroundCallWait"/>.</param>
    /// <param name="counts">Where to count each call; null (the default) adds no counter.</param>
    public static TableClientOptions Options(int maxConnections, int backgroundCalls = 0, TimeSpan backgroundCallWait = default, CallCounts? counts = null)
    {
        var options = new TableClientOptions
        {
            // As the SDK's default transport: redirects are its pipeline's business, cookies have no place in it.
            Transport = new HttpClientTransport(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = maxConnections,
            }),
        };
        if (backgroundCalls > 0)
        {
            // Per retry: a call holds its slot only while an attempt is on the wire, not while it backs off.
            options.AddPolicy(new BackgroundCallGate(backgroundCalls, backgroundCallWait), HttpPipelinePosition.PerRetry);
        }
        if (counts is not null)
        {
            options.AddPolicy(new StorageCallCounter(counts), HttpPipelinePosition.PerRetry);
        }
        return options;
    }
}
