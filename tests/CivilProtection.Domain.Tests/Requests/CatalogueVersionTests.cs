using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>The catalogue's data files: both versions load, every type is named three times, defaults are marked as examples, legacy codes resolve.</summary>
public sealed class CatalogueVersionTests
{
    public static TheoryData<string> Versions => new(CatalogueVersions.All.Select(c => c.Version));

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_entry_has_a_unique_code_a_known_unit_and_a_name_in_each_language(string version)
    {
        var catalogue = CatalogueVersions.Find(version)!;
        Assert.NotEmpty(catalogue.Entries);
        Assert.False(string.IsNullOrWhiteSpace(catalogue.Source));
        Assert.Equal(catalogue.Entries.Count, catalogue.Entries.Select(e => e.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(catalogue.Entries, e =>
        {
            Assert.Contains(e.Unit, CatalogueUnits.All);
            Assert.False(string.IsNullOrWhiteSpace(e.Names.Fr), $"{e.Code} has no French name");
            Assert.False(string.IsNullOrWhiteSpace(e.Names.En), $"{e.Code} has no English name");
            Assert.False(string.IsNullOrWhiteSpace(e.Names.Ar), $"{e.Code} has no Arabic name");
            Assert.Contains(e.Names.Ar, c => c is >= '\u0600' and <= '\u06FF');
        });
    }

    [Fact]
    public void The_current_version_names_its_source_and_lists_the_EU_module_types()
    {
        var current = CatalogueVersions.Current;
        Assert.Equal("eu-2025-704/1", current.Version);
        Assert.Contains("2014/762/EU", current.Source, StringComparison.Ordinal);
        Assert.Contains("(EU) 2025/704", current.Source, StringComparison.Ordinal);
        string[] modules = ["HCP", "WP", "MUSAR", "HUSAR", "AFFF-H", "AFFF-P", "GFFF", "GFFF-V", "FC", "FRB", "CBRN-DET", "CBRN-USAR", "AMP", "AMP-S", "FHOS", "MEVAC", "ETS"];
        Assert.All(modules, code => Assert.Equal(CatalogueUnits.Module, current.Find(code)?.Unit));
        Assert.Equal(CatalogueUnits.Team, current.Find("TAST")?.Unit);
        Assert.Equal("Emergency medical team type 1 mobile", current.Find("EMT1-MOBILE")?.Names.En);
        Assert.Contains(current.Entries, e => e.Unit == CatalogueUnits.Item);
        Assert.Contains(current.Entries, e => e.Unit == CatalogueUnits.Person);
    }

    [Fact]
    public void Every_default_composition_is_marked_as_an_unchecked_example_and_names_known_roles()
    {
        var withComposition = CatalogueVersions.Current.Entries.Where(e => e.Composition is not null).ToList();
        Assert.All(CatalogueVersions.Current.Entries.Where(e => e.Unit is CatalogueUnits.Module or CatalogueUnits.Team), e => Assert.NotNull(e.Composition));
        Assert.All(withComposition, e =>
        {
            Assert.True(e.Composition!.Example, $"{e.Code}'s composition is not marked as an example");
            Assert.Contains("not a figure of the regulation", e.Composition.Note, StringComparison.Ordinal);
            Assert.All(e.Composition.Roles, r =>
            {
                Assert.True(r.Count > 0, $"{e.Code}: {r.Role} has no head count");
                Assert.True(CatalogueVersions.Current.Roles.ContainsKey(r.Role), $"{e.Code}: role {r.Role} has no names");
            });
        });
    }

    [Fact]
    public void Each_legacy_code_is_either_replaced_by_one_current_type_or_listed_by_several_and_resolves_only_then()
    {
        var current = CatalogueVersions.Current;
        Assert.Equal("HCP", current.Resolve("high-capacity-pumping")?.Code);
        Assert.Equal("FRB", current.Resolve("flood-rescue-boats")?.Code);
        Assert.Equal("ETS", current.Resolve("shelter")?.Code);
        Assert.Null(current.Resolve("urban-search-and-rescue"));
        Assert.Equal(["MUSAR", "HUSAR"], current.EntriesListing("urban-search-and-rescue").Select(e => e.Code));
        Assert.All(CatalogueVersions.Legacy.Entries, legacy => Assert.NotEmpty(current.EntriesListing(legacy.Code)));
        Assert.All(current.Entries.SelectMany(e => e.LegacyCodes), code => Assert.NotNull(CatalogueVersions.Legacy.Find(code)));
    }

    [Fact]
    public void A_row_stored_before_versions_reads_as_the_legacy_version_and_an_unknown_version_is_none()
    {
        Assert.Same(CatalogueVersions.Legacy, CatalogueVersions.Find(null));
        Assert.Equal("legacy-1", CatalogueVersions.Legacy.Version);
        Assert.Equal(Catalogue.Capabilities, CatalogueVersions.Legacy.Entries.Select(e => e.Code));
        Assert.Null(CatalogueVersions.Find("eu-2014-762/1"));
    }

    [Fact]
    public void A_responder_listed_under_a_legacy_code_serves_the_types_that_replaced_it_and_no_other()
    {
        Assert.True(CatalogueVersions.Serves("high-capacity-pumping", "HCP"));
        Assert.True(CatalogueVersions.Serves("high-capacity-pumping", "high-capacity-pumping"));
        Assert.True(CatalogueVersions.Serves("urban-search-and-rescue", "HUSAR"));
        Assert.False(CatalogueVersions.Serves("high-capacity-pumping", "WP"));
        Assert.False(CatalogueVersions.Serves("HCP", "high-capacity-pumping"));
    }

    [Fact]
    public void Names_come_from_whichever_version_knows_the_code()
    {
        Assert.Equal("Pompage de grande capacité", CatalogueVersions.NameOf("HCP", "fr"));
        Assert.Equal("Flood rescue with boats", CatalogueVersions.NameOf("flood-rescue-boats", "en"));
        Assert.Equal("FR-UNKNOWN", CatalogueVersions.NameOf("FR-UNKNOWN", "ar"));
    }

    [Fact]
    public void A_filed_request_keeps_the_catalogue_version_it_was_filed_with()
    {
        var filed = AssistanceRequest.File(Given.RequestId, Given.Reference, Given.Details(), Given.TwoStageRoute, Given.DutyOfficer, Given.FiledAt, Given.CorrelationId, "eu-2025-704/1");
        Assert.Equal("eu-2025-704/1", filed.State.CatalogueVersion);
        var loaded = Given.Loaded(filed);
        loaded.Approve(Given.RequestingApprover, Given.Later, comment: null);
        Assert.Equal("eu-2025-704/1", loaded.State.CatalogueVersion);
        Assert.Null(Given.Filed().State.CatalogueVersion);
    }
}
