using System.Net;
using Twilio.Clients;
using Twilio.Http;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>Builds the Twilio REST client the way the SDK is meant to be used from a long-running service.</summary>
internal static class TwilioClients
{
    /// <summary>
    /// One <see cref="System.Net.Http.HttpClient"/> for the app's lifetime (its connection pool recycled every few minutes
    /// so DNS changes are seen), under the SDK's <see cref="SystemNetHttpClient"/>; an API key when configured, else the
    /// account's auth token. Tests may put an <paramref name="observer"/> on the wire, to see Twilio's answers as they came.
    /// </summary>
    public static (TwilioRestClient Client, System.Net.Http.HttpClient Http) Create(TwilioOptions options, DelegatingHandler? observer = null)
    {
        HttpMessageHandler wire = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        };
        if (observer is not null)
        {
            observer.InnerHandler = wire;
            wire = observer;
        }
        var http = new System.Net.Http.HttpClient(new TwilioHttpHandler(options.ApiBaseUrl) { InnerHandler = wire })
        {
            Timeout = options.Retry.AttemptTimeout,
        };
        var client = new TwilioRestClient(
            username: options.UsesApiKey ? options.ApiKeySid : options.AccountSid,
            password: options.UsesApiKey ? options.ApiKeySecret : options.AuthToken,
            accountSid: options.AccountSid,
            httpClient: new SystemNetHttpClient(http))
        {
            // The SDK prints whole requests (numbers included) to the console when TWILIO_LOG_LEVEL=debug; never here.
            LogLevel = null,
        };
        return (client, http);
    }
}
