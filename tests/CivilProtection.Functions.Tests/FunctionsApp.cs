using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions.Tests;

/// <summary>The Functions app as code declares it and as its build output describes it to the Functions host.</summary>
internal static class FunctionsApp
{
    public const string AssemblyFileName = "CivilProtection.Functions.dll";

    /// <summary>The app's own output folder (bin/&lt;Configuration&gt;/net10.0/), as recorded by the build of this project.</summary>
    public static string OutputDirectory { get; } = Recorded("FunctionsAppOutput");

    /// <summary>The folder holding CivilProtection.sln.</summary>
    public static string RepositoryRoot { get; } = Recorded("RepositoryRoot");

    public static Assembly Assembly => typeof(ReferenceFunctions).Assembly;

    public static string OutputFile(string name) => Path.Combine(OutputDirectory, name);

    /// <summary>Every method carrying [Function], by function name.</summary>
    public static IReadOnlyDictionary<string, MethodInfo> DeclaredFunctions { get; } = FindDeclaredFunctions();

    /// <summary>functions.metadata, parsed.</summary>
    public static IReadOnlyList<FunctionMetadata> Metadata => ReadMetadata();

    public static JsonElement ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    private static string Recorded(string key)
    {
        var value = typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value;
        if (string.IsNullOrEmpty(value) || !System.IO.Directory.Exists(value))
        {
            throw new InvalidOperationException($"The build recorded no existing folder for {key} (got '{value}'); rebuild CivilProtection.Functions.Tests.");
        }
        return Path.GetFullPath(value);
    }

    private static Dictionary<string, MethodInfo> FindDeclaredFunctions()
    {
        const BindingFlags everyMethod = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var functions = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        foreach (var method in Assembly.GetTypes().SelectMany(type => type.GetMethods(everyMethod)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
            {
                Assert.True(functions.TryAdd(function.Name, method), $"Two methods declare the function {function.Name}.");
            }
        }
        return functions;
    }

    private static List<FunctionMetadata> ReadMetadata()
    {
        var path = OutputFile("functions.metadata");
        Assert.True(File.Exists(path), $"There is no functions.metadata in {OutputDirectory}.");
        var root = ReadJson(path);
        Assert.Equal(JsonValueKind.Array, root.ValueKind);
        return root.EnumerateArray().Select(FunctionMetadata.Of).ToList();
    }
}

/// <summary>One entry of functions.metadata: what the host is told about one function.</summary>
internal sealed record FunctionMetadata(string Name, string? ScriptFile, string? EntryPoint, IReadOnlyList<JsonElement> Bindings)
{
    public static FunctionMetadata Of(JsonElement entry) => new(
        entry.GetProperty("name").GetString() ?? "",
        entry.TryGetProperty("scriptFile", out var scriptFile) ? scriptFile.GetString() : null,
        entry.TryGetProperty("entryPoint", out var entryPoint) ? entryPoint.GetString() : null,
        entry.TryGetProperty("bindings", out var bindings) ? bindings.EnumerateArray().ToList() : []);

    /// <summary>The binding that triggers the function (there is one, of that type), if any.</summary>
    public JsonElement? Trigger(string type) =>
        Bindings.Where(b => Text(b, "type") is { } t && string.Equals(t, type, StringComparison.OrdinalIgnoreCase)).Cast<JsonElement?>().SingleOrDefault();

    public static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
