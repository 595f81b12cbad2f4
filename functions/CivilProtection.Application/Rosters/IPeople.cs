using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Rosters;

/// <summary>The people who are paged or dispatched, by id and by mobile number (to know who replied).</summary>
public interface IPeople
{
    Task<Person?> FindAsync(string personId, CancellationToken cancellationToken);

    /// <summary>The person with this E.164 mobile number, or null.</summary>
    Task<Person?> FindByMobileAsync(string mobile, CancellationToken cancellationToken);

    Task<IReadOnlyList<Person>> ListAsync(string authorityId, CancellationToken cancellationToken);

    Task SaveAsync(Person person, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the language of the person's SMS and pages, leaving the rest of their record as it is stored now (an admin's
    /// edit at the same moment is kept); null when there is no such person in that authority.
    /// </summary>
    Task<Person?> ChangeLanguageAsync(string personId, string authorityId, string language, CancellationToken cancellationToken);
}
