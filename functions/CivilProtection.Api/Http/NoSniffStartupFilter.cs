using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CivilProtection.Api.Http;

/// <summary>
/// Every answer carries <c>X-Content-Type-Options: nosniff</c>, API answers and problems included, so no browser
/// reads a JSON body (or a text a caller wrote) as HTML or script. First in the pipeline, through whichever host
/// builds it (the local host, and the ASP.NET Core integration of the Functions worker).
/// </summary>
public sealed class NoSniffStartupFilter : IStartupFilter
{
    public const string Header = "X-Content-Type-Options";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = "nosniff";
                return Task.CompletedTask;
            });
            return nextMiddleware(http);
        });
        next(app);
    };
}
