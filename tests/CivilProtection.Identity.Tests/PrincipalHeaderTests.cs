using System.Text.Json;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Directory;

namespace CivilProtection.Identity.Tests;

/// <summary>How the X-MS-CLIENT-PRINCIPAL header is read, and how its roles combine with the directory, without a host.</summary>
public sealed class PrincipalHeaderTests
{
    private static readonly string ObjectId = Guid.NewGuid().ToString();

    [Fact]
    public void The_object_id_name_and_app_roles_are_read_from_an_Entra_principal()
    {
        var person = AppServiceAuthentication.Read(Principals.Of(ObjectId, "Salma Benali", "approver", "duty-officer"));

        Assert.NotNull(person);
        Assert.Equal(ObjectId, person.UserId);
        Assert.Equal("Salma Benali", person.Name);
        Assert.Equal(["approver", "duty-officer"], person.Roles);
    }

    [Fact]
    public void Roles_under_the_role_claim_type_or_as_one_json_array_are_read_and_unknown_roles_dropped()
    {
        var header = Principals.Encode(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = Principals.NameType,
            role_typ = Principals.RoleType,
            claims = new[]
            {
                new { typ = "oid", val = ObjectId },
                new { typ = Principals.NameType, val = "Karim Tazi" },
                new { typ = Principals.RoleType, val = "coordinator" },
                new { typ = "roles", val = """["admin","Site.Owner"]""" },
            },
        }));

        var person = AppServiceAuthentication.Read(header);

        Assert.NotNull(person);
        Assert.Equal(ObjectId, person.UserId);
        Assert.Equal("Karim Tazi", person.Name);
        Assert.Equal(["coordinator", "admin"], person.Roles);
    }

    [Fact]
    public void A_principal_without_padding_is_still_read()
    {
        var header = Principals.Of(ObjectId, "Claire Martin", "duty-officer").TrimEnd('=');

        Assert.Equal(ObjectId, AppServiceAuthentication.Read(header)?.UserId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("bnVsbA==")]          // null
    [InlineData("InRleHQi")]          // "text"
    [InlineData("eyJjbGFpbXMiOltdfQ==")] // {"claims":[]}
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6Im9pZCIsInZhbCI6MTJ9XX0=")] // {"claims":[{"typ":"oid","val":12}]}
    public void A_principal_that_cannot_be_read_or_names_nobody_reads_as_null(string header) =>
        Assert.Null(AppServiceAuthentication.Read(header));

    [Fact]
    public void A_principal_longer_than_32_KiB_is_not_read() =>
        Assert.Null(AppServiceAuthentication.Read(Principals.Of(ObjectId, new string('x', 30_000), "approver")));

    [Fact]
    public void Approver_groups_count_only_with_the_approver_role_and_the_directory_name_wins()
    {
        var user = new DirectoryUser(ObjectId, "Julien Moreau", "FR-DGSCGC", ["duty-officer"], ["acceptance"]);

        var approver = Callers.Combine(user, new SignedInPerson(ObjectId, "J. Moreau", ["approver"]));
        var coordinator = Callers.Combine(user, new SignedInPerson(ObjectId, "J. Moreau", ["coordinator"]));

        Assert.Equal(("Julien Moreau", "FR-DGSCGC"), (approver.DisplayName, approver.AuthorityId));
        Assert.Equal(["approver"], approver.Roles);
        Assert.Equal(["acceptance"], approver.ApproverGroups);
        Assert.Equal(["coordinator"], coordinator.Roles);
        Assert.Empty(coordinator.ApproverGroups);
    }

    [Fact]
    public void The_platform_role_comes_from_the_directory_but_the_authority_roles_only_from_the_token()
    {
        // The first platform administrator, as the deployment's setting creates them: no app role in Entra yet.
        var platform = Callers.Combine(new DirectoryUser(ObjectId, "Platform administrator", "", ["platform-admin"], []), new SignedInPerson(ObjectId, "A. Haddad", []));
        var admin = Callers.Combine(new DirectoryUser(ObjectId, "Nadia Alaoui", "MA-DGPC", ["admin"], []), new SignedInPerson(ObjectId, "N. Alaoui", []));

        Assert.Equal(["platform-admin"], platform.Roles);
        Assert.Empty(admin.Roles);
    }
}
