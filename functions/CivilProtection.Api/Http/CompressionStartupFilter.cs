using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.Api.Http;

/// <summary>
/// API answers (JSON, problems, CSV, EDXL XML) compressed by Accept-Encoding, Brotli first: the requests list is 73 KB
/// of JSON and 8 KB gzipped, which on a phone's poor network is most of the wait. Through whichever host builds the
/// pipeline (the local host, and the ASP.NET Core integration of the Functions worker, whose Kestrel the Functions
/// host forwards to). Page files arrive precompressed (WebFiles sets Content-Encoding), and the middleware leaves an
/// answer that already has one alone.
/// </summary>
public sealed class CompressionStartupFilter : IStartupFilter
{
    /// <summary>The media types compressed besides the middleware's defaults (JSON, HTML, CSS, script, plain text, XML).</summary>
    public static readonly string[] MoreMediaTypes = ["application/problem+json", "text/csv", "image/svg+xml", "application/xml"];

    public static void AddTo(IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // The bodies carry no secret beside text a caller controls (the session is a cookie, in a header), which is
            // what BREACH needs; and the Functions app is reached over HTTPS only.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(MoreMediaTypes);
        });
        // Fastest: an answer is compressed on every call, and most of the gain is in the first levels.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddTransient<IStartupFilter, CompressionStartupFilter>();
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseResponseCompression();
        next(app);
    };
}
