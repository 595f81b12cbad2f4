using System.Text;
using System.Xml.Linq;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Interop;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>EDXL-RM 1.0 with partners' systems: a request exported as its messages, a message imported, our codes as a value list (see <c>docs/interop.md</c>).</summary>
public static class EdxlRmApi
{
    public const string XmlContentType = "application/xml";

    /// <summary><c>GET /api/requests/{id}/edxl-rm</c>: the request and what the caller sees of its exchange, as EDXL-RM messages.</summary>
    public static Task<Results<ContentHttpResult, ProblemHttpResult>> Export(
        HttpContext http, string id, Callers callers, EdxlRmExport export, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => Xml(await export.ExportAsync(caller, id, cancellationToken)), cancellationToken);

    /// <summary><c>GET /api/edxl-rm/value-list?version=…</c>: a catalogue version (the current one by default) as the value list our messages name.</summary>
    public static Task<Results<ContentHttpResult, ProblemHttpResult>> ValueList(HttpContext http, Callers callers, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, caller =>
        {
            var asked = http.Request.Query["version"].FirstOrDefault();
            var catalogue = asked is null ? CatalogueVersions.Current : CatalogueVersions.Find(asked)
                ?? throw new NotFoundException($"There is no catalogue version {asked}; there are {string.Join(", ", CatalogueVersions.All.Select(c => c.Version))}.");
            return Task.FromResult(Xml(EdxlRmValueList.Of(catalogue)));
        }, cancellationToken);

    /// <summary>
    /// <c>POST /api/edxl-rm/messages</c> (<c>Content-Type: application/xml</c>): 201 with <c>Location</c> for a request received,
    /// 200 for an offer or a decision applied, 200 with <c>Idempotent-Replayed: true</c> for a message applied before.
    /// </summary>
    [Description.ReadsBody(typeof(string), XmlContentType)]
    public static Task<Results<Results<Created<EdxlRmImportView>, Ok<EdxlRmImportView>>, ProblemHttpResult>> Import(
        HttpContext http, Callers callers, EdxlRmImport import, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync<Results<Created<EdxlRmImportView>, Ok<EdxlRmImportView>>>(http, callers, async caller =>
        {
            var body = await ReadXmlAsync(http.Request, cancellationToken);
            var imported = await import.ImportAsync(caller, body, cancellationToken);
            var view = new EdxlRmImportView(imported.MessageId, imported.Kind.ToString(), imported.RequestId, imported.OfferId, imported.Applied);
            if (!imported.Applied)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(view);
            }
            return imported.Kind == EdxlRmMessageKind.RequestResource
                ? TypedResults.Created($"/api/requests/{imported.RequestId}", view)
                : TypedResults.Ok(view);
        }, cancellationToken);

    // The body as bytes, with the checks every state-changing call has: its type (the CSRF defence, as for JSON) and a size cap.
    private static async Task<byte[]> ReadXmlAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var type = request.ContentType;
        if (type is null || !(type.Equals(XmlContentType, StringComparison.OrdinalIgnoreCase) || type.StartsWith(XmlContentType + ";", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BodyRejectedException(415, Refusal.Of(RefusalCode.NotXml));
        }
        using var body = await JsonBody.ReadCappedAsync(request, EdxlRmReader.MaxBytes, TooLarge, cancellationToken);
        return body.ToArray();
    }

    private static BodyRejectedException TooLarge() => new(413, Refusal.Of(RefusalCode.XmlTooLarge, ("kib", EdxlRmReader.MaxBytes / 1024)));

    private static ContentHttpResult Xml(XDocument document) =>
        TypedResults.Text($"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{document}", XmlContentType, Encoding.UTF8);
}

/// <summary>What an imported message did: <c>applied</c> false when the same MessageID had been applied before (nothing changed).</summary>
public sealed record EdxlRmImportView(string MessageId, string Kind, string RequestId, string? OfferId, bool Applied);
