namespace CivilProtection.Benchmark;

/// <summary>
/// Takes a section's own options out of the command line and leaves the rest for the sections after it: flags
/// (<c>--costs</c>) and options with a value (<c>--costs-filings 5</c>), each applied by its handler.
/// </summary>
public static class SectionOptions
{
    public static T Take<T>(ref string[] args, T options, IReadOnlyDictionary<string, Func<T, T>> flags, IReadOnlyDictionary<string, Func<T, string, string, T>> valued)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (flags.TryGetValue(args[i], out var flag))
            {
                options = flag(options);
            }
            else if (valued.TryGetValue(args[i], out var set) && i + 1 < args.Length)
            {
                options = set(options, args[i], args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        args = [.. rest];
        return options;
    }
}
