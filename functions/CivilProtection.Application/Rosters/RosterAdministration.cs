using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Rosters;
using NodaTime;

namespace CivilProtection.Application.Rosters;

/// <summary>
/// Managing the people who are paged or dispatched and the on-call rosters of the caller's authority:
/// coordinators and admins change them; everybody signed in of the authority may read who is on call.
/// Bad input is refused with every field named, and changes nothing.
/// </summary>
public sealed class RosterAdministration(IPeople people, IVersionedRosters rosters, IDirectory directory, RosterTeams teams, Sms.IOptOuts optOuts, TimeProvider clock)
{
    /// <summary>The people of the caller's authority, by name (managers only: the list holds mobile numbers).</summary>
    public async Task<IReadOnlyList<PersonView>> ListPeopleAsync(Caller caller, CancellationToken cancellationToken)
    {
        RosterAccess.RequireManager(caller);
        var list = (await people.ListAsync(caller.AuthorityId, cancellationToken))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ThenBy(p => p.PersonId, StringComparer.Ordinal).ToList();
        var optedOut = await optOuts.OptedOutAsync(list.Select(p => p.Mobile).ToList(), cancellationToken);
        return list.Select(p => PersonView.Of(p, optedOut.TryGetValue(p.Mobile, out var since) ? since : null)).ToList();
    }

    /// <summary>Creates or replaces one person of the caller's authority.</summary>
    public async Task<Person> SavePersonAsync(Caller caller, string personId, PersonForm form, CancellationToken cancellationToken)
    {
        RosterAccess.RequireManager(caller);
        var errors = new FieldErrors();
        var person = PersonRules.Validate(personId, caller.AuthorityId, form, errors);
        if (person is null)
        {
            throw new FormRejectedException(errors);
        }
        await RequireOwnOrNewAsync(caller, personId, cancellationToken);
        if (await people.FindByMobileAsync(person.Mobile, cancellationToken) is { } owner && owner.PersonId != personId)
        {
            throw new FormRejectedException("mobile", MobileTaken(caller, owner));
        }
        await SaveAsync(caller, person, "mobile", cancellationToken);
        return person;
    }

    /// <summary>
    /// Creates or replaces every person in a CSV file (<see cref="RosterCsv.PeopleColumns"/>). Every line is checked
    /// first; if any is wrong, nothing is stored and every bad line is reported.
    /// </summary>
    public async Task<ImportResult> ImportPeopleAsync(Caller caller, string csv, CancellationToken cancellationToken)
    {
        RosterAccess.RequireManager(caller);
        var errors = new FieldErrors();
        var lines = RosterCsv.Read(csv, RosterCsv.PeopleColumns, RosterCsv.PeopleRequired, errors);
        var own = (await people.ListAsync(caller.AuthorityId, cancellationToken)).ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var mobiles = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(RosterCsv.Line Line, Person Person)>();
        foreach (var line in lines)
        {
            var form = new PersonForm
            {
                Name = line["name"],
                Mobile = line["mobile"],
                Language = line["language"].ToLowerInvariant(),
                Roles = RosterCsv.Items(line["roles"].ToLowerInvariant()),
                Skills = RosterCsv.Items(line["skills"].ToLowerInvariant()),
                TeamRoles = RosterCsv.Items(line["teamRoles"].ToLowerInvariant()),
            };
            var person = PersonRules.Validate(line["personId"], caller.AuthorityId, form, errors, line.Prefix);
            if (person is null)
            {
                continue;
            }
            if (!ids.TryAdd(person.PersonId, line.Number))
            {
                errors.Add(line.Prefix + "personId", FieldError.DuplicateOfLine(ids[person.PersonId]));
                continue;
            }
            if (!mobiles.TryAdd(person.Mobile, line.Number))
            {
                errors.Add(line.Prefix + "mobile", FieldError.DuplicateOfLine(mobiles[person.Mobile]));
                continue;
            }
            valid.Add((line, person));
        }
        foreach (var (line, person) in valid)
        {
            if (!own.ContainsKey(person.PersonId) && await people.FindAsync(person.PersonId, cancellationToken) is not null)
            {
                errors.Add(line.Prefix + "personId", FieldError.OtherAuthority);
            }
            if (await people.FindByMobileAsync(person.Mobile, cancellationToken) is { } owner && owner.PersonId != person.PersonId)
            {
                errors.Add(line.Prefix + "mobile", MobileTaken(caller, owner));
            }
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var created = 0;
        foreach (var (line, person) in valid)
        {
            await SaveAsync(caller, person, line.Prefix + "mobile", cancellationToken);
            created += own.ContainsKey(person.PersonId) ? 0 : 1;
        }
        return new ImportResult(valid.Count, created, valid.Count - created);
    }

    /// <summary>Every team's roster of the caller's authority (an empty one for a team without shifts yet).</summary>
    public async Task<IReadOnlyList<RosterView>> ListRostersAsync(Caller caller, CancellationToken cancellationToken)
    {
        var known = await PeopleByIdAsync(caller.AuthorityId, cancellationToken);
        var views = new List<RosterView>();
        foreach (var team in await teams.OfAsync(caller.AuthorityId, cancellationToken))
        {
            var (roster, version) = await LoadAsync(caller.AuthorityId, team, cancellationToken);
            views.Add(await ViewAsync(roster, version, known, cancellationToken));
        }
        return views;
    }

    /// <summary>One team's roster, with who is on call now.</summary>
    public async Task<RosterView> GetRosterAsync(Caller caller, string team, CancellationToken cancellationToken)
    {
        await RequireTeamAsync(caller, team, cancellationToken);
        var (roster, version) = await LoadAsync(caller.AuthorityId, team, cancellationToken);
        return await ViewAsync(roster, version, await PeopleByIdAsync(caller.AuthorityId, cancellationToken), cancellationToken);
    }

    /// <summary>Who of one team is on call at <paramref name="at"/> (now when null).</summary>
    public async Task<OnCallView> OnCallAsync(Caller caller, string team, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await RequireTeamAsync(caller, team, cancellationToken);
        var (roster, _) = await LoadAsync(caller.AuthorityId, team, cancellationToken);
        return await OnCallAsync(roster, at ?? clock.GetUtcNow(), await PeopleByIdAsync(caller.AuthorityId, cancellationToken), cancellationToken);
    }

    /// <summary>Replaces every shift of a team's roster; refused (409) when the roster changed since <see cref="RosterForm.Version"/>.</summary>
    public async Task<RosterView> ReplaceShiftsAsync(Caller caller, string team, RosterForm form, CancellationToken cancellationToken)
    {
        RosterAccess.RequireManager(caller);
        await RequireTeamAsync(caller, team, cancellationToken);
        var errors = new FieldErrors();
        if (form.Shifts is null)
        {
            errors.Add("shifts", FieldError.Required);
            throw new FormRejectedException(errors);
        }
        var known = await PeopleByIdAsync(caller.AuthorityId, cancellationToken);
        var shifts = new List<RosterShift>();
        for (var i = 0; i < form.Shifts.Count; i++)
        {
            var path = $"shifts[{i}]";
            var shift = ShiftOf(form.Shifts[i], path + ".", known, errors);
            if (shift is not null && Check(shift, path, errors))
            {
                shifts.Add(shift);
            }
        }
        return await StoreAsync(caller, team, form.Version, append: false, shifts, errors, cancellationToken);
    }

    /// <summary>
    /// Loads a team's shifts from a CSV file (<see cref="RosterCsv.ShiftColumns"/>): they replace the roster's shifts,
    /// or are added to them with <paramref name="append"/>. If any line is wrong, nothing is stored.
    /// </summary>
    public async Task<RosterView> ImportShiftsAsync(Caller caller, string team, string csv, bool append, CancellationToken cancellationToken)
    {
        RosterAccess.RequireManager(caller);
        await RequireTeamAsync(caller, team, cancellationToken);
        var errors = new FieldErrors();
        var lines = RosterCsv.Read(csv, RosterCsv.ShiftColumns, RosterCsv.ShiftColumns, errors);
        var known = await PeopleByIdAsync(caller.AuthorityId, cancellationToken);
        var shifts = new List<RosterShift>();
        foreach (var line in lines)
        {
            var tier = int.TryParse(line["tier"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
            if (tier is null)
            {
                errors.Add(line.Prefix + "tier", FieldError.OutOfRange(1, RosterRules.MaxTier));
                continue;
            }
            var form = new ShiftForm { PersonId = line["personId"], Tier = tier, Start = line["start"], End = line["end"] };
            var shift = ShiftOf(form, line.Prefix, known, errors);
            if (shift is not null && Check(shift, $"line {line.Number}", errors))
            {
                shifts.Add(shift);
            }
        }
        return await StoreAsync(caller, team, expectedVersion: null, append, shifts, errors, cancellationToken);
    }

    private async Task<RosterView> StoreAsync(
        Caller caller, string team, string? expectedVersion, bool append, List<RosterShift> shifts, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var current = await rosters.FindVersionedAsync(caller.AuthorityId, team, cancellationToken);
        if (expectedVersion is not null && expectedVersion != current?.Version)
        {
            throw new ConcurrentChangeException("Someone else changed this roster since you loaded it; reload it and make your change again.");
        }
        var zone = current?.Roster.TimeZone ?? await ZoneOfAsync(caller.AuthorityId, cancellationToken);
        OnCallRoster roster;
        try
        {
            roster = new OnCallRoster(caller.AuthorityId, team, zone, append && current is not null ? [.. current.Roster.Shifts, .. shifts] : shifts);
        }
        catch (RosterRejectedException ex)
        {
            foreach (var problem in ex.Problems)
            {
                errors.Add(problem.Field, RosterProblemErrors.Of(problem));
            }
            throw new FormRejectedException(errors);
        }
        var version = await rosters.ReplaceAsync(roster, current?.Version, cancellationToken);
        return await ViewAsync(roster, version, await PeopleByIdAsync(caller.AuthorityId, cancellationToken), cancellationToken);
    }

    private static RosterShift? ShiftOf(ShiftForm? form, string prefix, IReadOnlyDictionary<string, Person> known, FieldErrors errors)
    {
        if (form is null)
        {
            errors.Add(prefix.TrimEnd('.'), FieldError.EmptyEntry);
            return null;
        }
        var ok = true;
        var personId = form.PersonId?.Trim() ?? "";
        if (!known.ContainsKey(personId))
        {
            errors.Add(prefix + "personId", personId.Length == 0 ? FieldError.Required : FieldError.Unknown(personId));
            ok = false;
        }
        if (form.Tier is not { } tier)
        {
            errors.Add(prefix + "tier", FieldError.OutOfRange(1, RosterRules.MaxTier));
            ok = false;
            tier = 0;
        }
        if (!RosterTime.TryParseLocal(form.Start, out var start))
        {
            errors.Add(prefix + "start", FieldError.NotALocalTime(RosterProblemErrors.LocalTimeExample));
            ok = false;
        }
        if (!RosterTime.TryParseLocal(form.End, out var end))
        {
            errors.Add(prefix + "end", FieldError.NotALocalTime(RosterProblemErrors.LocalTimeExample));
            ok = false;
        }
        return ok ? new RosterShift(personId, tier, start, end) : null;
    }

    private static bool Check(RosterShift shift, string path, FieldErrors errors)
    {
        var ok = true;
        foreach (var problem in RosterRules.Check(shift, path))
        {
            errors.Add(problem.Field, RosterProblemErrors.Of(problem));
            ok = false;
        }
        return ok;
    }

    private async Task SaveAsync(Caller caller, Person person, string mobileField, CancellationToken cancellationToken)
    {
        try
        {
            await people.SaveAsync(person, cancellationToken);
        }
        catch (MobileNumberTakenException ex)
        {
            // Another save took the number between the check and the write.
            var owner = await people.FindAsync(ex.OwnerPersonId, cancellationToken);
            throw new FormRejectedException(mobileField, owner is null ? FieldError.NumberTaken : MobileTaken(caller, owner));
        }
    }

    private async Task RequireOwnOrNewAsync(Caller caller, string personId, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(personId, cancellationToken) is { } existing && existing.AuthorityId != caller.AuthorityId)
        {
            throw new AccessDeniedException("This person belongs to another authority.");
        }
    }

    // Another authority's people are not named to the caller.
    private static FieldError MobileTaken(Caller caller, Person owner) =>
        owner.AuthorityId == caller.AuthorityId ? FieldError.NumberTakenBy(owner.Name, owner.PersonId) : FieldError.NumberTaken;

    private async Task RequireTeamAsync(Caller caller, string team, CancellationToken cancellationToken)
    {
        if (!RosterRules.IsTeamName(team) || !(await teams.OfAsync(caller.AuthorityId, cancellationToken)).Contains(team))
        {
            throw new NotFoundException($"Your authority has no team '{team}'.");
        }
    }

    private async Task<(OnCallRoster Roster, string? Version)> LoadAsync(string authorityId, string team, CancellationToken cancellationToken)
    {
        var stored = await rosters.FindVersionedAsync(authorityId, team, cancellationToken);
        return stored is null
            ? (new OnCallRoster(authorityId, team, await ZoneOfAsync(authorityId, cancellationToken), []), null)
            : (stored.Roster, stored.Version);
    }

    private async Task<string> ZoneOfAsync(string authorityId, CancellationToken cancellationToken) =>
        (await directory.FindAuthorityAsync(authorityId, cancellationToken))?.TimeZone
        ?? throw new NotFoundException($"There is no authority {authorityId}.");

    private async Task<IReadOnlyDictionary<string, Person>> PeopleByIdAsync(string authorityId, CancellationToken cancellationToken) =>
        (await people.ListAsync(authorityId, cancellationToken)).ToDictionary(p => p.PersonId, StringComparer.Ordinal);

    private async Task<RosterView> ViewAsync(OnCallRoster roster, string? version, IReadOnlyDictionary<string, Person> known, CancellationToken cancellationToken)
    {
        var shifts = roster.Shifts.Select((s, i) =>
        {
            var (startsAt, endsAt) = roster.IntervalOf(i);
            return new ShiftView(s.PersonId, known.GetValueOrDefault(s.PersonId)?.Name, s.Tier, RosterTime.Format(s.Start), RosterTime.Format(s.End), startsAt, endsAt);
        }).ToList();
        return new RosterView(roster.AuthorityId, roster.Team, roster.TimeZone, version, shifts, await OnCallAsync(roster, clock.GetUtcNow(), known, cancellationToken));
    }

    // Who opted out of SMS shows on call but marked, and a tier with nobody else is a gap: paging skips it.
    private async Task<OnCallView> OnCallAsync(OnCallRoster roster, DateTimeOffset at, IReadOnlyDictionary<string, Person> known, CancellationToken cancellationToken)
    {
        var tiers = roster.OnCallAt(at);
        var mobiles = tiers.SelectMany(t => t.PersonIds).Select(id => known.GetValueOrDefault(id)?.Mobile).OfType<string>().ToList();
        var optedOut = await optOuts.OptedOutAsync(mobiles, cancellationToken);
        bool OptedOut(string id) => known.GetValueOrDefault(id) is { } person && optedOut.ContainsKey(person.Mobile);
        return new OnCallView(
            roster.Team,
            at.ToUniversalTime(),
            RosterTime.Format(roster.LocalTimeAt(at)),
            roster.TimeZone,
            RosterTime.OffsetAt(roster.Zone, Instant.FromDateTimeOffset(at)),
            tiers.Select(t => new OnCallTierView(
                t.Tier,
                t.PersonIds.Select(id => new OnCallPersonView(id, known.GetValueOrDefault(id)?.Name, known.GetValueOrDefault(id)?.Language, OptedOut(id))).ToList(),
                Gap: t.PersonIds.All(OptedOut))).ToList());
    }
}
