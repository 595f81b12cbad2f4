using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Problems;

/// <summary>The server's problem wording: one catalogue per language, the same keys and placeholders in each, a wording for every code.</summary>
public sealed class ProblemMessagesTests
{
    public static TheoryData<string> Languages => [.. Catalogue.Languages];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_catalogue_has_the_keys_of_the_English_one_in_its_order(string language) =>
        Assert.Equal(ProblemMessages.Of("en").Keys, ProblemMessages.Of(language).Keys);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_message_has_the_placeholders_of_its_English_one(string language)
    {
        var english = ProblemMessages.Of("en");
        var mismatched = ProblemMessages.Of(language)
            .Where(m => !ProblemMessages.Placeholders(m.Value).Order(StringComparer.Ordinal).SequenceEqual(ProblemMessages.Placeholders(english[m.Key]).Order(StringComparer.Ordinal)))
            .Select(m => m.Key);
        Assert.Empty(mismatched);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_code_is_worded_and_every_message_belongs_to_a_code(string language)
    {
        var catalogue = ProblemMessages.Of(language);
        var expected = Enum.GetValues<FieldErrorCode>().Select(ProblemMessages.FieldKey)
            .Concat(Enum.GetValues<RefusalCode>().SelectMany(c => new[] { ProblemMessages.TitleKey(c), ProblemMessages.DetailKey(c) }))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(expected.Except(catalogue.Keys));
        Assert.Empty(catalogue.Keys.Except(expected));
        Assert.All(catalogue, m => Assert.False(string.IsNullOrWhiteSpace(m.Value), m.Key));
    }

    [Fact]
    public void The_French_and_Arabic_wordings_are_their_own()
    {
        var english = ProblemMessages.Of("en");
        Assert.All(new[] { "fr", "ar" }, language =>
            Assert.NotEqual(english[ProblemMessages.FieldKey(FieldErrorCode.Required)], ProblemMessages.Of(language)[ProblemMessages.FieldKey(FieldErrorCode.Required)]));
    }

    [Fact]
    public void A_message_takes_its_arguments()
    {
        Assert.Equal("200 caractères au plus.", ProblemMessages.Field(FieldError.TooLong(200), "fr"));
        Assert.Equal("Choose one of: fr, en, ar.", ProblemMessages.Field(FieldError.NotOneOf(Catalogue.Languages), "en"));
        Assert.Equal("تغيّر منذ أن اطلعت عليه (النسخة 1، والآن 2)؛ أعد تحميله وأعد المحاولة.",
            ProblemMessages.Detail(Refusal.Of(RefusalCode.StaleVersion, ("version", 1), ("current", 2)), "ar"));
    }

    [Theory]
    [InlineData(FieldErrorCode.TooLong, "too-long")]
    [InlineData(FieldErrorCode.NotALocalTime, "not-a-local-time")]
    [InlineData(FieldErrorCode.Required, "required")]
    public void A_code_goes_on_the_wire_in_kebab_case(FieldErrorCode code, string wire) =>
        Assert.Equal(wire, ProblemCodes.Wire(code));

    [Fact]
    public void A_refusal_code_goes_on_the_wire_in_kebab_case() =>
        Assert.Equal("stale-version", Refusal.Of(RefusalCode.StaleVersion).WireCode);
}
