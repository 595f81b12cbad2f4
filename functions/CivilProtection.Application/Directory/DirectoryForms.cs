namespace CivilProtection.Application.Directory;

/// <summary>A directory form carries the version it was edited from (or takes it from <c>If-Match</c>).</summary>
public interface IVersionedForm
{
    string? Version { get; set; }
}

/// <summary>The body of <c>PUT /api/directory/authorities/{id}</c>, as posted (every field may be missing or wrong).</summary>
public sealed class AuthorityForm : IVersionedForm
{
    /// <summary>The version read (or <c>If-Match</c>); absent when creating.</summary>
    public string? Version { get; set; }

    /// <summary>ISO 3166-1 alpha-2, the same as the id's prefix.</summary>
    public string? Country { get; set; }

    /// <summary>The agency's own name.</summary>
    public string? Name { get; set; }

    /// <summary>The name in each interface language: <c>fr</c>, <c>en</c> and <c>ar</c>, all three.</summary>
    public Dictionary<string, string?>? Names { get; set; }

    public List<string?>? Languages { get; set; }

    /// <summary>IANA zone known to tzdb, e.g. <c>Europe/Madrid</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The team whose roster is paged for incoming requests and offers.</summary>
    public string? ContactTeam { get; set; }
}

/// <summary>The body of <c>POST /api/directory/authorities/{id}/retire</c>.</summary>
public sealed class VersionForm : IVersionedForm
{
    public string? Version { get; set; }
}

/// <summary>The body of <c>PUT /api/directory/partnerships/{requestingId}/{assistingId}</c> (platform administrators).</summary>
public sealed class PartnershipForm : IVersionedForm
{
    public string? Version { get; set; }

    /// <summary>The requesting side's validation before a request goes out.</summary>
    public List<StageForm?>? RequestStages { get; set; }

    /// <summary>The assisting side's approval of an offer before it is sent.</summary>
    public List<StageForm?>? OfferStages { get; set; }

    /// <summary>An inactive partnership keeps its history but takes no new request; true when absent.</summary>
    public bool? Active { get; set; }
}

/// <summary>The body of <c>PUT /api/directory/partnerships/{requestingId}/{assistingId}/stages/{side}</c>: one side's stages.</summary>
public sealed class StagesForm : IVersionedForm
{
    public string? Version { get; set; }

    public List<StageForm?>? Stages { get; set; }
}

/// <summary>One stage as posted.</summary>
public sealed class StageForm
{
    public string? Name { get; set; }

    public string? ApproverGroup { get; set; }

    public DeadlinesForm? Deadlines { get; set; }
}

/// <summary>How long a stage may take, per urgency, as <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>.</summary>
public sealed class DeadlinesForm
{
    public TimeSpan? LifeSafety { get; set; }
    public TimeSpan? Urgent { get; set; }
    public TimeSpan? Routine { get; set; }
}

/// <summary>The body of <c>PUT /api/directory/authorities/{id}/people/{userId}</c>: a person's access.</summary>
public sealed class DirectoryPersonForm : IVersionedForm
{
    public string? Version { get; set; }

    public string? DisplayName { get; set; }

    public List<string?>? Roles { get; set; }

    public List<string?>? ApproverGroups { get; set; }
}

/// <summary>The sides of a partnership whose stages an authority's admins edit.</summary>
public static class PartnershipSides
{
    /// <summary>The requesting authority's validation stages.</summary>
    public const string Request = "request";

    /// <summary>The assisting authority's offer approval stages.</summary>
    public const string Offer = "offer";
}
