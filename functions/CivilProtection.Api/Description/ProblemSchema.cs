using System.Text.Json.Nodes;
using CivilProtection.Application.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CivilProtection.Api.Description;

/// <summary>
/// The members every problem carries beside RFC 7807's (see <c>Http/ApiProblem</c>): the refusal's code and arguments,
/// and per bad field its codes and their arguments, each code listed from its enum so the description cannot drift.
/// </summary>
internal static class ProblemSchema
{
    public static Task DescribeCodesAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(HttpValidationProblemDetails))
        {
            return Task.CompletedTask;
        }
        schema.Description = "An RFC 7807 problem; title, detail and errors are in the language of Accept-Language (fr, en or ar; English otherwise).";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = Codes<RefusalCode>("Why the call was refused, stable across releases and languages.");
        schema.Properties["arguments"] = Arguments("The values the refusal's wording takes (version and current for stale-version).");
        schema.Properties["codes"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Per bad field (the keys of errors), what is wrong with it, in the order of its errors.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Codes<FieldErrorCode>(null) },
        };
        schema.Properties["fieldArguments"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Per bad field, the values each code's wording takes (max for too-long), in the order of its codes.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Arguments(null) },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Codes<TCode>(string? description) where TCode : struct, Enum => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = [.. Enum.GetValues<TCode>().Select(code => (JsonNode)JsonValue.Create(ProblemCodes.Wire(code)))],
    };

    private static OpenApiSchema Arguments(string? description) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
