using System.Text;
using System.Xml.Linq;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Interop;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>EDXL-RM 1.0 with partners' systems: a request exported as its messages (see <c>docs/interop.md</c>).</summary>
public static class EdxlRmApi
{
    public const string XmlContentType = "application/xml";

    /// <summary><c>GET /api/requests/{id}/edxl-rm</c>: the request and what the caller sees of its exchange, as EDXL-RM messages.</summary>
    public static Task<Results<ContentHttpResult, ProblemHttpResult>> Export(
        HttpContext http, string id, Callers callers, EdxlRmExport export, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => Xml(await export.ExportAsync(caller, id, cancellationToken)), cancellationToken);

    private static ContentHttpResult Xml(XDocument document) =>
        TypedResults.Text(document.Declaration is null ? $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{document}" : document.ToString(), XmlContentType, Encoding.UTF8);
}
