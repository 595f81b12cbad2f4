using System.Text.Json;
using System.Text.RegularExpressions;
using CivilProtection.Application.Problems;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// Every page, in each language, says nothing in another one: each text on it that is not a dictionary entry of its
/// language (data: names, titles, references, numbers) is looked through for words only the other dictionaries or the
/// server's messages in another language use. That is how "tier 1, round 1" in English on a French page shows.
/// </summary>
public sealed partial class TextsOfThePageLanguageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;
    private static readonly string[] Languages = ["fr", "en", "ar"];

    // Every text node outside an element the dictionaries worded, and every worded attribute that was not, with where it is.
    private const string FreeTexts = """
        () => {
          const where = (el) => el.closest('[data-testid]')?.dataset.testid ?? el.tagName.toLowerCase();
          const out = [{ text: document.title, where: 'title' }];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            const element = node.parentElement;
            // Text marked as another language's (the language picker's names) says so to readers and their tools.
            const marked = element.closest('[lang]');
            if (text && !element.closest('[data-i18n], script, style') && (!marked || marked === document.documentElement)) {
              out.push({ text, where: where(element) });
            }
          }
          for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
            const worded = element.dataset.i18nAttrs ? Object.keys(JSON.parse(element.dataset.i18nAttrs)) : [];
            for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
              const value = element.getAttribute(name);
              if (value && value.trim() && !worded.includes(name)) {
                out.push({ text: value, where: `${where(element)}@${name}` });
              }
            }
          }
          return out;
        }
        """;

    [Fact]
    public async Task No_page_shows_a_word_of_another_language_than_its_own()
    {
        var (returned, _) = await Filing.FileFloodAsync(fixture.Host);
        var setup = new ExchangeSetup(fixture.Host);
        await setup.PostUntilOkAsync("ma-approver", $"/api/requests/{returned}/decisions",
            new JsonObject { ["decision"] = "return", ["comment"] = "Quel débit faut-il pomper, et où ?" });
        var exchange = await setup.OpenWithFrenchOfferAsync();
        var data = await DataWordsAsync();

        var visits = new (string User, string Route, string? Ready)[]
        {
            ("ma-duty", "#/work", null),
            ("ma-approver", "#/work", null),
            ("fr-coordinator", "#/work", null),
            ("ma-duty", "#/requests", "request-row"),
            ("ma-duty", $"#/requests/{returned}", "decision-reason"),
            ("ma-duty", $"#/requests/{exchange}", "request-reference"),
            ("ma-duty", "#/new", "field-incident.title"),
            ("ma-approver", "#/inbox", "inbox-refreshed"),
            ("fr-coordinator", $"#/requests/{exchange}", "request-reference"),
            ("fr-coordinator", "#/deployments", null),
            ("ma-admin", "#/rosters", "people-table"),
            ("ma-admin", "#/directory", "directory-person"),
            ("ma-admin", "#/dead-letters", null),
            ("platform-admin", "#/directory", "directory-partnership"),
            ("ma-duty", "#/situation", "situation-total"),
            ("fr-coordinator", "#/situation", "situation-total"),
            ("ma-approver", "#/sandbox", null),
        };
        var leaks = new List<string>();
        foreach (var language in Languages)
        {
            var foreign = ForeignWords(language);
            var pages = new Dictionary<string, IPage>(StringComparer.Ordinal);
            foreach (var (user, route, ready) in visits)
            {
                if (!pages.TryGetValue(user, out var page))
                {
                    pages[user] = page = await fixture.SignedInAsAsync(user, language);
                }
                await page.GotoAsync($"/{route}");
                if (ready is not null)
                {
                    await Expect(page.GetByTestId(ready).First).ToBeVisibleAsync(new() { Timeout = Slow });
                }
                await Expect(page.Locator("main h1").First).ToBeVisibleAsync(new() { Timeout = Slow });
                await Expect(page.Locator("main .loading")).ToHaveCountAsync(0, new() { Timeout = Slow });
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                leaks.AddRange(LeaksOn(await page.EvaluateAsync<FreeText[]>(FreeTexts), foreign, data).Select(leak => $"{language} {user} {route}: {leak}"));
            }
            await Task.WhenAll(pages.Values.Select(p => p.Context.CloseAsync()));
        }

        // The sign-in page, before anyone is signed in.
        foreach (var language in Languages)
        {
            var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString(), Locale = language });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/#/sign-in");
            await Expect(page.GetByTestId("sign-in-ma-duty")).ToBeVisibleAsync(new() { Timeout = Slow });
            leaks.AddRange(LeaksOn(await page.EvaluateAsync<FreeText[]>(FreeTexts), ForeignWords(language), data).Select(leak => $"{language} sign-in: {leak}"));
            await context.CloseAsync();
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Distinct()));
    }

    [Fact]
    public void The_check_finds_an_English_log_line_on_a_French_page_and_passes_the_data()
    {
        var foreign = ForeignWords("fr");
        var data = new HashSet<string>(["sebou"], StringComparer.Ordinal);

        Assert.NotEmpty(LeaksOn([new FreeText("tier 1, round 1", "timeline-entry")], foreign, data));
        Assert.NotEmpty(LeaksOn([new FreeText("stage 1 is no longer waiting (the request is returned-for-information)", "timeline-entry")], foreign, data));
        Assert.Empty(LeaksOn([new FreeText("Crue de l'oued Sebou", "request-row"), new FreeText("AR-2026-00001", "request-reference")], foreign, data));
    }

    public sealed class FreeText
    {
        public FreeText()
        {
        }

        public FreeText(string text, string where) => (Text, Where) = (text, where);

        public string Text { get; set; } = "";

        public string Where { get; set; } = "";
    }

    private static IEnumerable<string> LeaksOn(IEnumerable<FreeText> texts, HashSet<string> foreign, HashSet<string> data) =>
        from text in texts
        let words = Words(text.Text).Where(word => foreign.Contains(word) && !data.Contains(word)).ToList()
        where words.Count > 0
        select $"“{text.Text}” ({text.Where}): {string.Join(", ", words)}";

    // The words of the other languages' dictionaries and server messages that this language's never uses.
    private static HashSet<string> ForeignWords(string language)
    {
        var own = Vocabulary(language);
        var foreign = new HashSet<string>(Languages.Where(other => other != language).SelectMany(Vocabulary), StringComparer.Ordinal);
        foreign.ExceptWith(own);
        return foreign;
    }

    private static HashSet<string> Vocabulary(string language)
    {
        var dictionary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "functions", "web", "i18n", $"{language}.json")));
        var texts = dictionary.RootElement.EnumerateObject().SelectMany(entry => entry.Value.ValueKind == JsonValueKind.Object
            ? entry.Value.EnumerateObject().Select(form => form.Value.GetString() ?? "")
            : [entry.Value.GetString() ?? ""]);
        // A placeholder's name ("{tier}") is not a word the page shows.
        return new HashSet<string>(texts.Concat(ProblemMessages.Of(language).Values).Select(text => PlaceholderPattern().Replace(text, " ")).SelectMany(Words), StringComparer.Ordinal);
    }

    // What the test's own data and the directory say: names, titles, places, the catalogue's names in every language.
    private async Task<HashSet<string>> DataWordsAsync()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        void Add(string json) => words.UnionWith(Words(json));
        Add(RequestSamples.Flood().ToJsonString());
        Add(RequestSamples.FloodToPartners(["FR-DGSCGC", "PT-ANEPC"]).ToJsonString());
        using var admin = fixture.Host.ClientFor("platform-admin");
        foreach (var path in new[] { "/api/authorities", "/api/catalogue", "/api/dev/users" })
        {
            Add(await admin.GetStringAsync(path));
        }
        using var maAdmin = fixture.Host.ClientFor("ma-admin");
        Add(await maAdmin.GetStringAsync("/api/people"));
        Add(await maAdmin.GetStringAsync("/api/rosters"));
        words.UnionWith(Words("Sophie Bernard")); // the contact of the offer ExchangeSetup sends
        return words;
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant());

    // Words of four letters or more: shorter ones ("de", "la", "to") are shared across languages or are codes.
    [GeneratedRegex(@"\p{L}{4,}")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex PlaceholderPattern();
}
