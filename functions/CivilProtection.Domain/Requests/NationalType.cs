namespace CivilProtection.Domain.Requests;

/// <summary>
/// A resource type an authority adds beside the EU catalogue for what it has and the catalogue does not name (a drone
/// team, a mountain rescue unit). Its code is the authority's id, a dot and its own slug (<c>ES-DGPCE.drone-team</c>),
/// so no two authorities' types, nor a type and a catalogue code, can collide. Any authority may ask for it or offer it;
/// only its authority's admins change it. A retired type is no longer offered for new requests and offers; requests
/// that named it keep it, so it is never deleted.
/// </summary>
public sealed record NationalType(string Code, string AuthorityId, string Unit, CatalogueNames Names, string? Note, bool Retired)
{
    public static string CodeOf(string authorityId, string slug) => $"{authorityId}.{slug}";

    /// <summary>As a catalogue entry, for the pages that name and pick types.</summary>
    public CatalogueEntry AsEntry() => new(Code, Unit, Names, [], null, Note);
}
