namespace CivilProtection.Application.Capabilities;

/// <summary>The body of <c>PUT /api/catalogue/national-types/{slug}</c>.</summary>
public sealed class NationalTypeForm
{
    /// <summary>The version read, or the <c>If-Match</c> header; needed to replace a stored type.</summary>
    public string? Version { get; set; }

    /// <summary><c>module</c>, <c>team</c>, <c>person</c> or <c>item</c>.</summary>
    public string? Unit { get; set; }

    public NamesForm? Names { get; set; }

    public string? Note { get; set; }

    /// <summary>True to stop offering it for new requests and offers (it stays readable where it was used).</summary>
    public bool? Retired { get; set; }
}

/// <summary>A name in each language of the pages.</summary>
public sealed class NamesForm
{
    public string? Fr { get; set; }

    public string? En { get; set; }

    public string? Ar { get; set; }
}
