using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CivilProtection.Api.Description;

/// <summary>
/// What every operation of the document says beyond its handler's own results: the RFC 7807 problems the API answers
/// (docs/api.md, Errors) and, for a state change, those of its body.
/// </summary>
public static class OpenApiConventions
{
    private static readonly (int Status, string Why)[] Everywhere =
    [
        (400, "Invalid fields, each named in errors; nothing was changed."),
        (401, "Nobody signed in, or a user the directory does not know."),
        (403, "Signed in, but not allowed."),
        (404, "No such resource, or one the caller's authority is not party to."),
    ];

    private static readonly (int Status, string Why)[] OnChanges =
    [
        (409, "It changed meanwhile, or the transition is not possible now."),
        (413, "Body too large."),
        (415, "A state change without the content type it takes (the CSRF defence)."),
    ];

    private static readonly NullabilityInfoContext Nullability = new();

    private static bool IsNullable(JsonPropertyInfo? property) =>
        property?.AttributeProvider switch
        {
            PropertyInfo p => Nullability.Create(p).ReadState != NullabilityState.NotNull,
            FieldInfo f => Nullability.Create(f).ReadState != NullabilityState.NotNull,
            _ => false,
        };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CivilProtection API",
                Version = OpenApiDocumentSource.DocumentName,
                Description = "Requests for assistance between civil-protection authorities, offers, paging and dispatch; see docs/api.md.",
            };
            return Task.CompletedTask;
        });
        // Every text goes through PlainTextConverter (it refuses control characters), which the schema exporter cannot
        // see into: without this, each string would be described as anything at all.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
            {
                schema.Type = IsNullable(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer(ProblemSchema.DescribeCodesAsync);
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var problem = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, cancellationToken);
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ReadsBodyAttribute>().FirstOrDefault() is { } reads)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [reads.ContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(reads.Form, null, cancellationToken) },
                    },
                };
            }
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            foreach (var query in metadata.OfType<ReadsQueryAttribute>())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = query.Name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = query.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            if (metadata.OfType<LinksNextPageAttribute>().Any() && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse page)
            {
                page.Headers ??= new Dictionary<string, IOpenApiHeader>();
                page.Headers["Link"] = new OpenApiHeader
                {
                    Description = "RFC 8288: <…>; rel=\"next\", the next page (the same query with its continuation), while more follow.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
            var method = context.Description.HttpMethod ?? "GET";
            var statuses = method is "GET" ? Everywhere : [.. Everywhere, .. OnChanges];
            operation.Responses ??= [];
            foreach (var (status, why) in statuses)
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!operation.Responses.ContainsKey(key))
                {
                    operation.Responses[key] = new OpenApiResponse
                    {
                        Description = why,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                    };
                }
            }
        });
    }
}
