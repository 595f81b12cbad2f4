using CivilProtection.Application.Forms;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;

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
            errors.Add(prefix + "personId", $"A person id has 1 to {RosterRules.MaxPersonIdLength} letters, digits, '.', '_' or '-'.");
        }
        var name = form.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(prefix + "name", "This field is required.");
        }
        else if (name.Length > MaxName)
        {
            errors.Add(prefix + "name", $"At most {MaxName} characters.");
        }
        var mobile = form.Mobile?.Trim() ?? "";
        if (!RequestDetailsValidator.IsE164Mobile(mobile))
        {
            errors.Add(prefix + "mobile", "Give a valid international number in E.164 form, e.g. +212612345678.");
        }
        if (form.Language is null || !Catalogue.Languages.Contains(form.Language))
        {
            errors.Add(prefix + "language", "Choose fr, en or ar.");
        }
        if (form.AuthorityId is not null && form.AuthorityId != authorityId)
        {
            errors.Add(prefix + "authorityId", "People are managed by their own authority only.");
        }
        var roles = CodeList(form.Roles, Roles, prefix + "roles", "role", errors);
        if (form.Roles is null || form.Roles.Count == 0)
        {
            errors.Add(prefix + "roles", $"Give at least one role: {string.Join(", ", Roles)}.");
        }
        var skills = CodeList(form.Skills, CatalogueVersions.SkillCodes, prefix + "skills", "capability from the catalogue", errors);
        // Team roles are the catalogue's (team-leader, pump-operator…) or an authority's own, as its compositions may
        // name them: a role code, not a list to choose from.
        var teamRoles = CodeList(form.TeamRoles, Capabilities.CatalogueCompositions.IsRoleCode, prefix + "teamRoles", code =>
            $"'{code}' is not a team role: a code of lower-case letters, digits and dashes (e.g. {string.Join(", ", CatalogueVersions.TeamRoleCodes.Take(3))}).", errors);
        if (errors.ToDictionary().Count > before)
        {
            return null;
        }
        return new Person(personId, name, mobile, form.Language!, authorityId, roles, skills) { TeamRoles = teamRoles };
    }

    private static List<string> CodeList(List<string>? values, IReadOnlyList<string> allowed, string field, string what, FieldErrors errors) =>
        CodeList(values, allowed.Contains, field, code => $"'{code}' is not a {what}; choose from: {string.Join(", ", allowed)}.", errors);

    private static List<string> CodeList(List<string>? values, Func<string, bool> allowed, string field, Func<string?, string> refusal, FieldErrors errors)
    {
        var codes = new List<string>();
        if (values is null)
        {
            return codes;
        }
        if (values.Count > MaxListItems)
        {
            errors.Add(field, $"At most {MaxListItems} items.");
            return codes;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var code = values[i]?.Trim();
            if (code is null || !allowed(code))
            {
                errors.Add($"{field}[{i}]", refusal(code));
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }
        return codes;
    }
}
