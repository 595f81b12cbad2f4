using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Interop;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to EDXL-RM exchange with partners' systems; each turns the trigger into a call of <see cref="EdxlRmApi"/>.</summary>
public sealed class EdxlRmFunctions(Callers callers, EdxlRmExport export, EdxlRmImport import)
{
    [Function("ExportEdxlRm")]
    public async Task<IResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/requests/{id}/edxl-rm")] HttpRequest req, string id, CancellationToken ct) =>
        await EdxlRmApi.Export(req.HttpContext, id, callers, export, ct);

    [Function("ImportEdxlRm")]
    public async Task<IResult> Import([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/edxl-rm/messages")] HttpRequest req, CancellationToken ct) =>
        await EdxlRmApi.Import(req.HttpContext, callers, import, ct);

    [Function("EdxlRmValueList")]
    public async Task<IResult> ValueList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/edxl-rm/value-list")] HttpRequest req, CancellationToken ct) =>
        await EdxlRmApi.ValueList(req.HttpContext, callers, ct);
}
