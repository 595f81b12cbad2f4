namespace CivilProtection.Api.Description;

/// <summary>
/// A query parameter a handler reads itself (from <c>HttpContext</c>), for the OpenAPI document, which cannot see such
/// reads; description only, as <see cref="ReadsBodyAttribute"/> is.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ReadsQueryAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}

/// <summary>The route answers a page at a time, with an RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header while more follow; for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinksNextPageAttribute : Attribute;
