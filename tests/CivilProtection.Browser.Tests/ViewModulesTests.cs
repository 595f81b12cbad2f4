using System.Text.RegularExpressions;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// The build copies a view's helpers (request-form.js, decision-dialog.js, …) into each view that imports them
/// (tools/web-split.mjs), so two views may hold two copies of one helper. That is safe only while no module under
/// views/ keeps state of its own at its top level: a variable, a collection made there, or a listener added there.
/// State that must be shared lives in the root modules, of which there is one copy (the shell).
/// </summary>
public sealed partial class ViewModulesTests
{
    private static readonly string Views = Path.Combine(Azurite.RepositoryRoot(), "functions", "web", "views");

    public static TheoryData<string> Modules => new(Directory.GetFiles(Views, "*.js").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_view_module_keeps_no_state_at_its_top_level(string module)
    {
        var lines = File.ReadAllLines(Path.Combine(Views, module));
        var stateful = lines.Select((line, index) => (line, number: index + 1)).Where(l => TopLevelState().IsMatch(l.line))
            .Select(l => $"{module}:{l.number}: {l.line.Trim()}").ToList();
        Assert.True(stateful.Count == 0, "State at a view module's top level, which each copy would hold apart:\n" + string.Join("\n", stateful));
    }

    [Fact]
    public void The_check_finds_state_where_there_is_some()
    {
        Assert.Matches(TopLevelState(), "let cache = null;");
        Assert.Matches(TopLevelState(), "const seen = new Map();");
        Assert.Matches(TopLevelState(), "window.addEventListener('storage', refresh);");
        Assert.DoesNotMatch(TopLevelState(), "  let local = 0;");
        Assert.DoesNotMatch(TopLevelState(), "const STYLESHEET = new URL('./situation.css', import.meta.url).href;");
        Assert.DoesNotMatch(TopLevelState(), "const DIALOGS = { approve: 'x' };");
    }

    // At column 0: a `let` or `var`, a `const` made with `new` of a collection, or a listener or timer started there.
    [GeneratedRegex(@"^(?:(?:let|var)\s|const\s+\w+\s*=\s*new\s+(?:Map|Set|WeakMap|WeakSet|Array|EventTarget|AbortController)\b|(?:window|document|globalThis)\.(?:addEventListener|setInterval|setTimeout)|(?:addEventListener|setInterval|setTimeout)\()")]
    private static partial Regex TopLevelState();
}
