using System.Text.Json;
using System.Text.RegularExpressions;
using CivilProtection.Application.Problems;

namespace CivilProtection.Browser.Tests;

/// <summary>The pages' dictionaries say the same things: every key of fr.json in each, with the same placeholders, and a wording of every field code the server gives.</summary>
public sealed partial class DictionariesTests
{
    private static readonly string Folder = Path.Combine(Azurite.RepositoryRoot(), "functions", "web", "i18n");

    // The plural forms Intl.PluralRules can answer (CLDR); Arabic uses all six.
    private static readonly string[] PluralForms = ["zero", "one", "two", "few", "many", "other"];

    public static TheoryData<string> Translations => new() { "en", "ar" };

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_dictionary_has_the_keys_of_the_French_one_in_the_same_order(string language)
    {
        var french = Keys(Read("fr"));
        var translated = Keys(Read(language));

        Assert.True(french.SequenceEqual(translated),
            $"{language}.json lacks [{string.Join(", ", french.Except(translated))}], " +
            $"has extra [{string.Join(", ", translated.Except(french))}]" +
            (french.Order().SequenceEqual(translated.Order()) ? ", and lists them in another order than fr.json." : "."));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Each_text_has_the_placeholders_of_the_French_one(string language)
    {
        var french = Read("fr");
        var translated = Read(language);

        var wrong = Keys(french)
            .Where(key => translated.TryGetProperty(key, out _))
            .Select(key => (key, want: Placeholders(french.GetProperty(key)), got: Placeholders(translated.GetProperty(key))))
            .Where(text => !text.want.SetEquals(text.got))
            .Select(text => $"{text.key}: {{{string.Join("}, {", text.want.Order())}}} in fr.json, {{{string.Join("}, {", text.got.Order())}}} in {language}.json")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("fr", "ltr")]
    [InlineData("en", "ltr")]
    [InlineData("ar", "rtl")]
    public void A_dictionary_names_its_language_and_direction_and_writes_plurals_Intl_can_choose(string language, string direction)
    {
        var dictionary = Read(language);

        Assert.Equal(language, dictionary.GetProperty("meta.lang").GetString());
        Assert.Equal(direction, dictionary.GetProperty("meta.dir").GetString());
        Assert.StartsWith($"{language}-", dictionary.GetProperty("meta.locale").GetString());
        var wrongPlurals = dictionary.EnumerateObject()
            .Where(text => text.Value.ValueKind == JsonValueKind.Object)
            .Where(text => !text.Value.TryGetProperty("other", out _) || text.Value.EnumerateObject().Any(form => !PluralForms.Contains(form.Name)))
            .Select(text => text.Name)
            .ToList();
        Assert.True(wrongPlurals.Count == 0, $"Plural texts without \"other\" or with a form Intl never chooses: {string.Join(", ", wrongPlurals)}");
    }

    [Fact]
    public void The_language_picker_offers_every_dictionary()
    {
        var script = File.ReadAllText(Path.Combine(Folder, "..", "language-choice.js"));
        var listed = LanguagesLine().Match(script);
        Assert.True(listed.Success, "language-choice.js has no `export const LANGUAGES = [...]` line.");
        var offered = Regex.Matches(listed.Groups[1].Value, "'([a-z]+)'").Select(m => m.Groups[1].Value).Order();

        var dictionaries = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(dictionaries, offered);
    }

    [Fact]
    public void Every_field_code_the_server_gives_is_worded_by_the_pages_with_the_server_placeholders()
    {
        var french = Read("fr");
        var unworded = new List<string>();
        foreach (var code in Enum.GetValues<FieldErrorCode>())
        {
            var server = ProblemMessages.Of("fr")[ProblemMessages.FieldKey(code)];
            var worded = french.TryGetProperty($"problem.{ProblemCodes.Wire(code)}", out var text)
                && Placeholders(text).SetEquals(ProblemMessages.Placeholders(server));
            if (!worded)
            {
                unworded.Add(ProblemCodes.Wire(code));
            }
        }
        Assert.True(unworded.Count == 0, $"fr.json lacks problem.<code>, or its placeholders differ from the server's, for: {string.Join(", ", unworded)}");
    }

    private static JsonElement Read(string language)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, $"{language}.json")));
        return document.RootElement.Clone();
    }

    private static List<string> Keys(JsonElement dictionary) => dictionary.EnumerateObject().Select(text => text.Name).ToList();

    // A plural text's placeholders are those of all its forms: Arabic's "one" may say "طلب واحد" without {count}.
    private static HashSet<string> Placeholders(JsonElement text) =>
        (text.ValueKind == JsonValueKind.Object ? text.EnumerateObject().Select(form => form.Value) : [text])
            .SelectMany(form => Placeholder().Matches(form.GetString() ?? "").Select(m => m.Groups[1].Value))
            .ToHashSet();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"export const LANGUAGES = \[([^\]]*)\]")]
    private static partial Regex LanguagesLine();
}
