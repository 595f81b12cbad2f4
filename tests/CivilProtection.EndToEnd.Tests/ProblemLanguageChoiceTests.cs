using CivilProtection.Api.Http;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>Which of fr, en and ar a caller's Accept-Language chooses for its problems.</summary>
public sealed class ProblemLanguageChoiceTests
{
    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("fr", "fr")]
    [InlineData("fr-MA", "fr")]
    [InlineData("AR", "ar")]
    [InlineData("de-DE, es;q=0.8", "en")]
    [InlineData("en;q=0.5, fr;q=0.9", "fr")]
    [InlineData("ar;q=0.7, fr;q=0.7", "ar")]
    [InlineData("fr;q=0, ar;q=0.1", "ar")]
    [InlineData("de, *;q=0.5, fr;q=0.4", "en")]
    [InlineData("fr;q=notanumber", "en")]
    public void The_most_wanted_language_we_speak_is_chosen(string? header, string chosen) =>
        Assert.Equal(chosen, ProblemLanguage.FromAcceptLanguage(header));
}
