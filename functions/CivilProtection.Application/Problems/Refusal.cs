using System.Globalization;

namespace CivilProtection.Application.Problems;

/// <summary>Why a call was refused as a whole, with the values its wording needs (the versions of a <see cref="RefusalCode.StaleVersion"/>).</summary>
public sealed record Refusal(RefusalCode Code, IReadOnlyDictionary<string, string> Arguments)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public string WireCode => ProblemCodes.Wire(Code);

    public static Refusal Of(RefusalCode code) => new(code, None);

    public static Refusal Of(RefusalCode code, params (string Name, object Value)[] arguments) =>
        new(code, arguments.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal));
}
