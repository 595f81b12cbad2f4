using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Description;

/// <summary><c>GET /openapi/v1.json</c>: the API's OpenAPI 3.1 description, the same from both hosts; no sign-in needed.</summary>
public static class OpenApiApi
{
    public static async Task<Results<ContentHttpResult, NotFound>> Document(string documentName, OpenApiDocumentSource source) =>
        documentName == OpenApiDocumentSource.DocumentName
            ? TypedResults.Text(await source.JsonAsync(), "application/json", System.Text.Encoding.UTF8)
            : TypedResults.NotFound();
}
