using CivilProtection.Api.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The door to the API's OpenAPI description; it turns the trigger into a call of <see cref="OpenApiApi"/>.</summary>
public sealed class OpenApiFunctions(OpenApiDocumentSource source)
{
    [Function("OpenApiDocument")]
    public async Task<IResult> Document([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest req, string documentName) =>
        await OpenApiApi.Document(documentName, source);
}
