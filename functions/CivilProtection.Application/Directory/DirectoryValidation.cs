using CivilProtection.Application.Forms;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;
using CivilProtection.Domain.Rosters;
using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Directory;

/// <summary>
/// Every check a directory form passes before anything is stored; each failure is named by the field's JSON path, so one
/// answer lists all that is wrong.
/// </summary>
public static class DirectoryValidation
{
    public const int MaxNameLength = 200;
    public const int MaxStagesPerSide = 5;

    /// <summary>No stage may wait longer than this for a decision: a longer deadline is a typing mistake.</summary>
    public static TimeSpan MaxDeadline { get; } = TimeSpan.FromDays(30);

    /// <summary>The interface languages: names are given in each, working languages are among them.</summary>
    public static IReadOnlyList<string> Languages { get; } = Domain.Requests.Catalogue.Languages;

    /// <summary>The ISO 3166-1 alpha-2 codes officially assigned (2024), not the operating system's region list.</summary>
    private static readonly HashSet<string> Countries = new(
        ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
         "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT " +
         "JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI " +
         "NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK " +
         "TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").Split(' '),
        StringComparer.Ordinal);

    public static bool IsCountry(string? code) => code is { Length: 2 } && Countries.Contains(code);

    /// <summary>An authority id: its country's code, a dash, then 2 to 20 capital letters or digits (<c>MA-DGPC</c>).</summary>
    public static bool IsAuthorityId(string? id) =>
        id is { Length: >= 5 and <= 23 } && IsCountry(id[..2]) && id[2] == '-' && id[3..].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>The authority a form describes, or every problem with it.</summary>
    public static Authority Authority(string id, AuthorityForm form, bool retired, FieldErrors errors)
    {
        if (!IsAuthorityId(id))
        {
            errors.Add("id", FieldError.BadFormat("MA-DGPC"));
        }
        if (!IsCountry(form.Country))
        {
            errors.Add("country", FieldError.BadFormat("MA"));
        }
        else if (IsAuthorityId(id) && id[..2] != form.Country)
        {
            errors.Add("country", FieldError.CountryMismatch(form.Country ?? ""));
        }
        CheckText(form.Name, "name", errors);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            var name = form.Names?.GetValueOrDefault(language);
            if (CheckText(name, $"names.{language}", errors))
            {
                names[language] = name!.Trim();
            }
        }
        foreach (var extra in form.Names?.Keys.Except(Languages, StringComparer.Ordinal) ?? [])
        {
            errors.Add($"names.{extra}", FieldError.NotOneOf(Languages));
        }
        var languages = new List<string>();
        if (form.Languages is not { Count: > 0 })
        {
            errors.Add("languages", FieldError.TooFew(1));
        }
        else
        {
            for (var i = 0; i < form.Languages.Count; i++)
            {
                var language = form.Languages[i];
                if (language is null || !Languages.Contains(language, StringComparer.Ordinal))
                {
                    errors.Add($"languages[{i}]", FieldError.NotOneOf(Languages));
                }
                else if (languages.Contains(language, StringComparer.Ordinal))
                {
                    errors.Add($"languages[{i}]", FieldError.Duplicate);
                }
                else
                {
                    languages.Add(language);
                }
            }
        }
        if (TimeZoneData.Find(form.TimeZone) is null)
        {
            errors.Add("timeZone", FieldError.UnknownTimeZone(TimeZoneData.Version));
        }
        if (!RosterRules.IsTeamName(form.ContactTeam))
        {
            errors.Add("contactTeam", FieldError.BadFormat("operations"));
        }
        return new Authority(id, form.Country ?? "", form.Name?.Trim() ?? "", languages, form.TimeZone ?? "", names, form.ContactTeam ?? Teams.Operations, retired);
    }

    /// <summary>One side's stages (<paramref name="path"/> names the list, e.g. <c>requestStages</c>), decided by <paramref name="authorityId"/>.</summary>
    public static IReadOnlyList<StageDefinition> Stages(List<StageForm?>? forms, string path, string authorityId, FieldErrors errors)
    {
        var stages = new List<StageDefinition>();
        if (forms is not { Count: > 0 and <= MaxStagesPerSide })
        {
            errors.Add(path, FieldError.CountOutOfRange(1, MaxStagesPerSide));
            return stages;
        }
        for (var i = 0; i < forms.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (forms[i] is not { } form)
            {
                errors.Add(at, FieldError.EmptyEntry);
                continue;
            }
            var valid = true;
            if (!RosterRules.IsTeamName(form.Name))
            {
                errors.Add($"{at}.name", FieldError.BadFormat("validation"));
                valid = false;
            }
            else if (stages.Any(s => s.Name == form.Name))
            {
                errors.Add($"{at}.name", FieldError.Duplicate);
                valid = false;
            }
            if (!RosterRules.IsTeamName(form.ApproverGroup))
            {
                errors.Add($"{at}.approverGroup", FieldError.BadFormat("ma-validators"));
                valid = false;
            }
            valid &= Deadline(form.Deadlines?.LifeSafety, $"{at}.deadlines.lifeSafety", errors);
            valid &= Deadline(form.Deadlines?.Urgent, $"{at}.deadlines.urgent", errors);
            valid &= Deadline(form.Deadlines?.Routine, $"{at}.deadlines.routine", errors);
            if (valid)
            {
                stages.Add(new StageDefinition(form.Name!, authorityId, form.ApproverGroup!,
                    new DecisionDeadlines(form.Deadlines!.LifeSafety!.Value, form.Deadlines.Urgent!.Value, form.Deadlines.Routine!.Value)));
            }
        }
        return stages;
    }

    /// <summary>The partnership a platform administrator's form describes.</summary>
    public static Partnership Partnership(string requestingId, string assistingId, PartnershipForm form, FieldErrors errors) =>
        new(requestingId, assistingId,
            Stages(form.RequestStages, "requestStages", requestingId, errors),
            Stages(form.OfferStages, "offerStages", assistingId, errors),
            form.Active ?? true);

    /// <summary>A person's access as an admin sets it; <paramref name="grantable"/> are the roles this admin may give.</summary>
    public static DirectoryUser Person(string userId, string authorityId, DirectoryPersonForm form, IReadOnlyList<string> grantable, FieldErrors errors)
    {
        if (!RosterRules.IsPersonId(userId))
        {
            errors.Add("userId", FieldError.BadFormat("3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"));
        }
        CheckText(form.DisplayName, "displayName", errors);
        var roles = Distinct(form.Roles, "roles", r => grantable.Contains(r, StringComparer.Ordinal), FieldError.NotOneOf(grantable), errors);
        var groups = Distinct(form.ApproverGroups, "approverGroups", RosterRules.IsTeamName, FieldError.BadFormat("ma-validators"), errors);
        return new DirectoryUser(userId, form.DisplayName?.Trim() ?? "", authorityId, roles, groups);
    }

    private static List<string> Distinct(List<string?>? values, string path, Func<string, bool> valid, FieldError error, FieldErrors errors)
    {
        var kept = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            if (value is null || !valid(value))
            {
                errors.Add($"{path}[{i}]", error);
            }
            else if (!kept.Contains(value, StringComparer.Ordinal))
            {
                kept.Add(value);
            }
        }
        return kept;
    }

    private static bool Deadline(TimeSpan? value, string path, FieldErrors errors)
    {
        if (value is not { } deadline || deadline <= TimeSpan.Zero || deadline > MaxDeadline)
        {
            errors.Add(path, FieldError.NotADuration("2.00:00:00"));
            return false;
        }
        return true;
    }

    private static bool CheckText(string? text, string path, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxNameLength)
        {
            errors.Add(path, FieldError.TooLong(MaxNameLength));
            return false;
        }
        return true;
    }
}
