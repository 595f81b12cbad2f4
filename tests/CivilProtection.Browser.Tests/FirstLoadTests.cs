using System.Collections.Concurrent;
using System.Diagnostics;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// A cold load waits for as few round trips as it can: the dictionary is fetched beside the script (index.html's
/// preload header) and once only, and the view's first read starts when the script runs, beside the dictionary rather
/// than after it, and before the app script has arrived (early.js). Each is shown by holding back the file that used to
/// come first, so it cannot pass by luck of timing. And a cold load fetches the shell and the one view it shows.
/// </summary>
public sealed class FirstLoadTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;
    private static readonly TimeSpan HeldBack = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task The_dictionary_is_asked_for_before_the_script_has_arrived_and_only_once()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString(), Locale = "ar-MA" });
        var page = await context.NewPageAsync();
        var events = new Recorder(page);
        await HoldBackAsync(page, "**/app.*.js");

        await page.GotoAsync("/#/sign-in");
        await Expect(page.GetByTestId("sign-in-ma-duty")).ToBeVisibleAsync(new() { Timeout = Slow });

        Assert.Equal("ar", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        var dictionaries = events.Requested(url => url.Contains("/i18n/", StringComparison.Ordinal));
        // One fetch: the page's own took the preloaded answer (without `crossorigin` on the preload it would fetch again).
        Assert.Equal(["/i18n/ar.json"], dictionaries.Select(d => d.Path));
        var script = Assert.Single(events.Answered(url => url.Contains("/app.", StringComparison.Ordinal)));
        Assert.True(dictionaries[0].At < script.At, $"The dictionary was asked for {dictionaries[0].At} ms in, after the script's answer at {script.At} ms.");

        // The language chosen now is the one the next load preloads.
        await page.GetByTestId("language").SelectOptionAsync("fr");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        var next = await page.APIRequest.GetAsync("/");
        Assert.Equal("<i18n/fr.json>; rel=preload; as=fetch; crossorigin", next.Headers["link"]);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_request_page_asks_for_its_request_before_the_dictionary_has_arrived_and_only_once()
    {
        var (id, page, events) = await ColdLoadOfARequestAsync(heldBack: "**/i18n/*.json");

        var reads = events.Requested(url => url.EndsWith($"/api/requests/{id}", StringComparison.Ordinal));
        Assert.Single(reads);
        var dictionary = Assert.Single(events.Answered(url => url.Contains("/i18n/", StringComparison.Ordinal)));
        Assert.True(reads[0].At < dictionary.At, $"The request was asked for {reads[0].At} ms in, after the dictionary's answer at {dictionary.At} ms.");
        // Who is signed in and their work are read once each as well: the early reads were taken, not repeated.
        Assert.Single(events.Requested(url => url.EndsWith("/api/me", StringComparison.Ordinal)));
        Assert.Single(events.Requested(url => url.EndsWith("/api/authorities", StringComparison.Ordinal)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_first_reads_go_out_before_the_app_script_has_arrived_and_are_taken_not_repeated()
    {
        var (id, page, events) = await ColdLoadOfARequestAsync(heldBack: "**/app.*.js");

        // early.js, in the page itself, asked for them while app.js was held back; app.js's views took the answers.
        var script = Assert.Single(events.Answered(url => url.Contains("/app.", StringComparison.Ordinal)));
        foreach (var path in new[] { $"/api/requests/{id}", "/api/catalogue", "/api/me", "/api/work", "/api/authorities" })
        {
            var reads = events.Requested(url => new Uri(url).AbsolutePath == path);
            Assert.True(reads.Count == 1, $"{path} was asked for {reads.Count} times.");
            Assert.True(reads[0].At < script.At, $"{path} was asked for {reads[0].At} ms in, after the app script's answer at {script.At} ms.");
        }

        // Home: the header's watch and the page read the person's work at the same moment, in one call.
        await page.UnrouteAllAsync();
        await page.GotoAsync("about:blank");
        var home = new Recorder(page);
        await page.GotoAsync("/#/work");
        await Expect(page.GetByTestId("work-refreshed")).ToContainTextAsync(":", new() { Timeout = Slow });
        await Expect(page.GetByTestId("nav-sandbox")).ToBeVisibleAsync(new() { Timeout = Slow });
        Assert.Single(home.Requested(url => url.EndsWith("/api/work", StringComparison.Ordinal)));

        // A public page's first reads leave out the signed-in ones.
        var signIn = await fixture.Browser.NewPageAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString() });
        var publicEvents = new Recorder(signIn);
        await signIn.GotoAsync("/#/sign-in");
        await Expect(signIn.GetByTestId("sign-in-ma-duty")).ToBeVisibleAsync(new() { Timeout = Slow });
        Assert.Single(publicEvents.Requested(url => url.EndsWith("/api/dev/users", StringComparison.Ordinal)));
        Assert.Empty(publicEvents.Requested(url => url.EndsWith("/api/me", StringComparison.Ordinal)));
        await signIn.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_cold_load_fetches_the_shell_and_the_one_view_it_shows()
    {
        var (id, reference) = await Filing.FileFloodAsync(fixture.Host);
        var page = await fixture.SignedInAsAsync("ma-duty", "fr");
        // Intercepting every request turns the browser's cache off: each load below is a cold one.
        await page.RouteAsync("**/*", route => route.ContinueAsync());
        var views = new (string Hash, string View, ILocator Shown)[]
        {
            ("#/work", "work", page.GetByTestId("work-refreshed")),
            ("#/new", "new-request", page.GetByTestId("submit-request")),
            // A request that has neither offers nor a dispatch: the page's panels' code is not fetched (lazy-panel.js).
            ($"#/requests/{id}", "request", page.Locator("main").GetByText(reference).First),
        };
        foreach (var (hash, view, shown) in views)
        {
            await page.GotoAsync("about:blank");
            var events = new Recorder(page);
            await page.GotoAsync("/" + hash);
            await Expect(shown).ToBeVisibleAsync(new() { Timeout = Slow });
            var scripts = events.Requested(url => new Uri(url).AbsolutePath.EndsWith(".js", StringComparison.Ordinal))
                .Select(script => Path.GetFileName(script.Path).Split('.')[0]).Order().ToList();
            // early.js is in the page itself (index.html): the app, the shell and the view are the only scripts.
            Assert.Equal(new[] { "app", "chunk", view }.Order(), scripts);
        }
        await page.Context.CloseAsync();
    }

    // A request filed, then its page loaded cold (as from a link in an SMS) by its duty officer while `heldBack` is late.
    private async Task<(string Id, IPage Page, Recorder Events)> ColdLoadOfARequestAsync(string heldBack)
    {
        var (id, reference) = await Filing.FileFloodAsync(fixture.Host);
        var page = await fixture.SignedInAsAsync("ma-duty", "fr");
        var events = new Recorder(page);
        await HoldBackAsync(page, heldBack);
        await page.GotoAsync("about:blank");
        await page.GotoAsync($"/#/requests/{id}");
        await Expect(page.Locator("main")).ToContainTextAsync(reference, new() { Timeout = Slow });
        return (id, page, events);
    }

    // The file that used to come first arrives late, so what is shown to come before it cannot do so by luck of timing.
    private static Task HoldBackAsync(IPage page, string files) => page.RouteAsync(files, async route =>
    {
        await Task.Delay(HeldBack);
        await route.ContinueAsync();
    });

    // Every request the page sends and every answer it gets, with the milliseconds since recording began.
    private sealed class Recorder
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentQueue<(string Kind, string Url, long At)> _events = new();

        public Recorder(IPage page)
        {
            page.Request += (_, request) => _events.Enqueue(("request", request.Url, _clock.ElapsedMilliseconds));
            page.Response += (_, response) => _events.Enqueue(("response", response.Url, _clock.ElapsedMilliseconds));
        }

        public List<(string Path, long At)> Requested(Func<string, bool> url) => Of("request", url);

        public List<(string Path, long At)> Answered(Func<string, bool> url) => Of("response", url);

        private List<(string Path, long At)> Of(string kind, Func<string, bool> url) =>
            _events.Where(e => e.Kind == kind && url(e.Url)).Select(e => (new Uri(e.Url).AbsolutePath, e.At)).ToList();
    }
}
