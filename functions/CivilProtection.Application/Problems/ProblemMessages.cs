using System.Text.Json;
using System.Text.RegularExpressions;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Problems;

/// <summary>
/// The wording of every code in fr, en and ar, from one catalogue per language (<c>Messages/*.json</c>, embedded);
/// a placeholder <c>{name}</c> takes the argument of that name.
/// </summary>
public static partial class ProblemMessages
{
    /// <summary>The language of a caller who asks for none we speak.</summary>
    public const string Fallback = "en";

    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Catalogues =
        Catalogue.Languages.ToDictionary(language => language, Load, StringComparer.Ordinal);

    /// <summary>The catalogue of <paramref name="language"/> (one of <see cref="Catalogue.Languages"/>), key by key.</summary>
    public static IReadOnlyDictionary<string, string> Of(string language) =>
        Catalogues.TryGetValue(language, out var catalogue) ? catalogue : Catalogues[Fallback];

    public static string FieldKey(FieldErrorCode code) => $"field.{ProblemCodes.Wire(code)}";

    public static string TitleKey(RefusalCode code) => $"refusal.{ProblemCodes.Wire(code)}.title";

    public static string DetailKey(RefusalCode code) => $"refusal.{ProblemCodes.Wire(code)}.detail";

    public static string Field(FieldError error, string language) => Format(Of(language)[FieldKey(error.Code)], error.Arguments);

    public static string Title(Refusal refusal, string language) => Format(Of(language)[TitleKey(refusal.Code)], refusal.Arguments);

    public static string Detail(Refusal refusal, string language) => Format(Of(language)[DetailKey(refusal.Code)], refusal.Arguments);

    /// <summary>The names of the placeholders in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    private static string Format(string template, IReadOnlyDictionary<string, string> arguments) =>
        Placeholder().Replace(template, m => arguments.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        using var stream = typeof(ProblemMessages).Assembly.GetManifestResourceStream($"problem-messages.{language}.json")
            ?? throw new InvalidOperationException($"The problem messages in {language} are not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"The problem messages in {language} are empty.");
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();
}
