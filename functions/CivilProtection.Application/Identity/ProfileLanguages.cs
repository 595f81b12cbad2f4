using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Identity;

/// <summary>
/// The language on a signed-in person's profile: the one their SMS are written in, which the pages follow too. A person
/// signed in to the pages is the person of the same id in their authority's people (docs/rosters.md); someone who is not
/// in the rosters has no profile, and the pages keep the language of the browser.
/// </summary>
public sealed class ProfileLanguages(IPeople people)
{
    /// <summary>The caller's profile language, or null when they have no profile.</summary>
    public async Task<string?> OfAsync(Caller caller, CancellationToken cancellationToken) =>
        (await ProfileAsync(caller, cancellationToken))?.Language;

    /// <summary>Sets the caller's own language, for their SMS and their pages; 404 when they have no profile.</summary>
    public async Task<string> ChangeAsync(Caller caller, LanguageForm form, CancellationToken cancellationToken)
    {
        var language = form.Language?.Trim().ToLowerInvariant();
        if (language is null || !Catalogue.Languages.Contains(language))
        {
            throw new FormRejectedException("language", FieldError.NotOneOf(Catalogue.Languages));
        }
        var saved = await people.ChangeLanguageAsync(caller.UserId, caller.AuthorityId, language, cancellationToken)
            ?? throw new NotFoundException($"{caller.UserId} is not among {caller.AuthorityId}'s people, so has no profile to keep a language on.");
        return saved.Language;
    }

    // Only a person of the caller's own authority: a user id that happens to name someone elsewhere is not theirs.
    private async Task<Domain.Rosters.Person?> ProfileAsync(Caller caller, CancellationToken cancellationToken) =>
        await people.FindAsync(caller.UserId, cancellationToken) is { } person && person.AuthorityId == caller.AuthorityId ? person : null;
}

/// <summary>The body of <c>PUT /api/me/language</c>.</summary>
public sealed class LanguageForm
{
    /// <summary><c>fr</c>, <c>en</c> or <c>ar</c>.</summary>
    public string? Language { get; set; }
}

/// <summary>What <c>PUT /api/me/language</c> answers: the language now on the profile.</summary>
public sealed record ProfileLanguageView(string Language);
