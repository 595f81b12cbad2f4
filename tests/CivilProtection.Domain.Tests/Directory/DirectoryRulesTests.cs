using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Partnerships;

namespace CivilProtection.Domain.Tests.Directory;

public sealed class DirectoryRulesTests
{
    private static Caller Of(string authority, params string[] roles) => new("u", "U", authority, roles, []);

    private static readonly Partnership EsToPt = new("ES-DGPCE", "PT-ANEPC",
        [new StageDefinition("validation", "ES-DGPCE", "validation", DecisionDeadlines.Default)],
        [new StageDefinition("acceptance", "PT-ANEPC", "acceptance", DecisionDeadlines.Default)]);

    private static AuthorityForm Valid() => new()
    {
        Country = "ES",
        Name = "Dirección General de Protección Civil y Emergencias",
        Names = new() { ["fr"] = "DGPCE", ["en"] = "DGPCE", ["ar"] = "المديرية" },
        Languages = ["en", "fr"],
        TimeZone = "Europe/Madrid",
        ContactTeam = "operations",
    };

    [Fact]
    public void A_valid_authority_form_has_no_errors()
    {
        var errors = new FieldErrors();
        var authority = DirectoryValidation.Authority("ES-DGPCE", Valid(), retired: false, errors);
        Assert.False(errors.Any, string.Join("; ", errors.ToDictionary().Keys));
        Assert.Equal("المديرية", authority.NameIn("ar"));
    }

    [Fact]
    public void A_zone_unknown_to_tzdb_a_country_not_in_iso_3166_and_a_language_outside_fr_en_ar_are_each_named()
    {
        var form = Valid();
        form.TimeZone = "Europe/Atlantis";
        form.Country = "EU";
        form.Languages = ["es"];
        form.Names!.Remove("fr");
        var errors = new FieldErrors();
        DirectoryValidation.Authority("EU-DGPCE", form, retired: false, errors);
        Assert.Equal(new[] { "id", "country", "names.fr", "languages[0]", "timeZone" }.Order(StringComparer.Ordinal), errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_country_must_be_the_id_s_prefix()
    {
        var form = Valid();
        form.Country = "PT";
        var errors = new FieldErrors();
        DirectoryValidation.Authority("ES-DGPCE", form, retired: false, errors);
        Assert.Equal(["country"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Deadlines_must_be_positive()
    {
        var errors = new FieldErrors();
        var stages = DirectoryValidation.Stages(
            [new StageForm { Name = "validation", ApproverGroup = "validation", Deadlines = new() { LifeSafety = TimeSpan.Zero, Urgent = TimeSpan.FromHours(1), Routine = TimeSpan.FromHours(-1) } }],
            "stages", "ES-DGPCE", errors);
        Assert.Empty(stages);
        Assert.Equal(["stages[0].deadlines.lifeSafety", "stages[0].deadlines.routine"], errors.ToDictionary().Keys.Order());
    }

    [Fact]
    public void Only_platform_administrators_and_the_authority_s_own_admins_administer_it()
    {
        Assert.True(DirectoryAccess.Administers(Of("", Roles.PlatformAdmin), "ES-DGPCE"));
        Assert.True(DirectoryAccess.Administers(Of("ES-DGPCE", Roles.Admin), "ES-DGPCE"));
        Assert.False(DirectoryAccess.Administers(Of("FR-DGSCGC", Roles.Admin), "ES-DGPCE"));
        Assert.False(DirectoryAccess.Administers(Of("ES-DGPCE", Roles.Coordinator, Roles.DutyOfficer, Roles.Approver), "ES-DGPCE"));
    }

    [Fact]
    public void A_partnership_is_seen_by_its_two_parties_and_platform_administrators_only()
    {
        Assert.True(DirectoryAccess.Sees(Of("ES-DGPCE", Roles.DutyOfficer), EsToPt));
        Assert.True(DirectoryAccess.Sees(Of("PT-ANEPC", Roles.Admin), EsToPt));
        Assert.True(DirectoryAccess.Sees(Of("", Roles.PlatformAdmin), EsToPt));
        Assert.False(DirectoryAccess.Sees(Of("MA-DGPC", Roles.Admin), EsToPt));
    }

    [Fact]
    public void An_authority_admin_cannot_give_the_platform_role()
    {
        Assert.DoesNotContain(Roles.PlatformAdmin, DirectoryAccess.GrantableRoles(Of("ES-DGPCE", Roles.Admin)));
        Assert.Contains(Roles.PlatformAdmin, DirectoryAccess.GrantableRoles(Of("", Roles.PlatformAdmin)));
    }

    [Fact]
    public void The_first_platform_administrator_setting_is_an_entra_object_id_in_entra_s_spelling()
    {
        Assert.Null(FirstPlatformAdmin.UserIdOf(" "));
        Assert.Equal("3f2b1c4d-0a9e-4b7c-8d6f-1e2a3b4c5d6e", FirstPlatformAdmin.UserIdOf("3F2B1C4D-0A9E-4B7C-8D6F-1E2A3B4C5D6E"));
        Assert.Throws<InvalidOperationException>(() => FirstPlatformAdmin.UserIdOf("someone@example.org"));
    }
}
