using Microsoft.AspNetCore.Http.Metadata;

namespace CivilProtection.Api.Description;

/// <summary>
/// The form a handler reads from its body, for the OpenAPI document: handlers read bodies themselves (through
/// <c>JsonBody</c>, with its checks), so the framework cannot see them. The attribute sits beside the read it describes.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsBodyAttribute(Type form, string contentType = "application/json") : Attribute, IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes { get; } = [contentType];

    public Type? RequestType { get; } = form;

    public bool IsOptional => false;
}
