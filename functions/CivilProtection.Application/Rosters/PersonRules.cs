using CivilProtection.Application.Forms;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;
using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Rosters;

/// <summary>Turns a posted person (form or CSV line) into a <see cref="Person"/>, or lists every field that is wrong.</summary>
public static class PersonRules
{
    public const int MaxName = 200;
    public const int MaxListItems = 20;

    /// <summary>The roles a person may hold: the web roles, and responder for people dispatched by SMS.</summary>
    public static IReadOnlyList<string> Roles { get; } =
        [Identity.Roles.DutyOfficer, Identity.Roles.Approver, Identity.Roles.Coordinator, Identity.Roles.Admin, PersonRoles.Responder];

    /// <param name="prefix">Put before each field name: <c>""</c> for a form, <c>"line 4."</c> for a CSV line.</param>
    public static Person? Validate(string personId, string authorityId, PersonForm form, FieldErrors errors, string prefix = "")
    {
        var before = errors.ToDictionary().Count;
        if (!RosterRules.IsPersonId(personId))
        {
            errors.Add(prefix + "personId", FieldError.BadFormat("salma.alaoui"));
        }
        var name = form.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(prefix + "name", FieldError.Required);
        }
        else if (name.Length > MaxName)
        {
            errors.Add(prefix + "name", FieldError.TooLong(MaxName));
        }
        var mobile = form.Mobile?.Trim() ?? "";
        if (!RequestDetailsValidator.IsE164Mobile(mobile))
        {
            errors.Add(prefix + "mobile", FieldError.NotAPhone);
        }
        if (form.Language is null || !Catalogue.Languages.Contains(form.Language))
        {
            errors.Add(prefix + "language", FieldError.NotOneOf(Catalogue.Languages));
        }
        if (form.AuthorityId is not null && form.AuthorityId != authorityId)
        {
            errors.Add(prefix + "authorityId", FieldError.OtherAuthority);
        }
        var roles = CodeList(form.Roles, Roles, prefix + "roles", errors);
        if (form.Roles is null || form.Roles.Count == 0)
        {
            errors.Add(prefix + "roles", FieldError.TooFew(1));
        }
        var skills = CodeList(form.Skills, CatalogueVersions.SkillCodes, prefix + "skills", errors);
        // Team roles are the catalogue's (team-leader, pump-operator…) or an authority's own, as its compositions may
        // name them: a role code, not a list to choose from.
        var teamRoles = CodeList(form.TeamRoles, Capabilities.CatalogueCompositions.IsRoleCode, prefix + "teamRoles",
            FieldError.BadFormat(CatalogueVersions.TeamRoleCodes[0]), errors);
        if (errors.ToDictionary().Count > before)
        {
            return null;
        }
        return new Person(personId, name, mobile, form.Language!, authorityId, roles, skills) { TeamRoles = teamRoles };
    }

    private static List<string> CodeList(List<string>? values, IReadOnlyList<string> allowed, string field, FieldErrors errors) =>
        CodeList(values, allowed.Contains, field, FieldError.NotOneOf(allowed), errors);

    private static List<string> CodeList(List<string>? values, Func<string, bool> allowed, string field, FieldError refusal, FieldErrors errors)
    {
        var codes = new List<string>();
        if (values is null)
        {
            return codes;
        }
        if (values.Count > MaxListItems)
        {
            errors.Add(field, FieldError.TooMany(MaxListItems));
            return codes;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var code = values[i]?.Trim();
            if (code is null || !allowed(code))
            {
                errors.Add($"{field}[{i}]", refusal);
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }
        return codes;
    }
}
