using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Capabilities;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to the capability catalogue; each turns the trigger into a call of <see cref="CatalogueApi"/>.</summary>
public sealed class CatalogueFunctions(Callers callers, CatalogueCompositions compositions, NationalTypes nationalTypes)
{
    [Function("Catalogue")]
    public async Task<IResult> Catalogue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalogue")] HttpRequest req, CancellationToken ct) =>
        await CatalogueApi.Get(req.HttpContext, callers, compositions, nationalTypes, ct);

    [Function("SaveComposition")]
    public async Task<IResult> SaveComposition([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/catalogue/compositions/{code}")] HttpRequest req, string code, CancellationToken ct) =>
        await CatalogueApi.SaveComposition(req.HttpContext, code, callers, compositions, ct);

    [Function("SaveNationalType")]
    public async Task<IResult> SaveNationalType([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/catalogue/national-types/{slug}")] HttpRequest req, string slug, CancellationToken ct) =>
        await CatalogueApi.SaveNationalType(req.HttpContext, slug, callers, nationalTypes, ct);
}
