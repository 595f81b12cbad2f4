using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>How the app's table clients reach the endpoint: the SDK's own transport settings, with a cap on connections.</summary>
public static class TableClients
{
    /// <param name="maxConnections">See <see cref="Composition.TableStorageOptions.MaxConnections"/>.</param>
    public static TableClientOptions Options(int maxConnections) => new()
    {
        // As the SDK's default transport: redirects are its pipeline's business, cookies have no place in it.
        Transport = new HttpClientTransport(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = maxConnections,
        }),
    };
}
