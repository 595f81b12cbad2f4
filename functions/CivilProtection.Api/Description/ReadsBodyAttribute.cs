namespace CivilProtection.Api.Description;

/// <summary>
/// The form a handler reads from its body, for the OpenAPI document: handlers read bodies themselves (through
/// <c>JsonBody</c>, with its checks), so the framework cannot see them. The attribute sits beside the read it describes.
/// It is description only (<see cref="OpenApiConventions"/> reads it), not routing metadata: as IAcceptsMetadata the
/// local host's router would answer a wrong content type with a bare 415 before the handler (no problem, no sign-in
/// check first), which the Functions app, routed by its host, never does.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsBodyAttribute(Type form, string contentType = "application/json") : Attribute
{
    public string ContentType { get; } = contentType;

    public Type Form { get; } = form;
}
