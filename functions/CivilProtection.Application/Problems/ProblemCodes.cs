using System.Text;

namespace CivilProtection.Application.Problems;

/// <summary>The wire spelling of a code: its name in kebab case (<c>TooLong</c> → <c>too-long</c>), so a code is named once, in its enum.</summary>
public static class ProblemCodes
{
    public static string Wire<TCode>(TCode code) where TCode : struct, Enum
    {
        var name = code.ToString();
        var wire = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                wire.Append('-');
            }
            wire.Append(char.ToLowerInvariant(name[i]));
        }
        return wire.ToString();
    }
}
