using System.Globalization;
using System.Text.RegularExpressions;

namespace CivilProtection.Browser.Tests;

/// <summary>A host whose maps draw no tiles (CivilProtection:Map:TileUrl empty), as on a network that reaches no tile server.</summary>
public sealed class NoTilesBrowserFixture : BrowserFixture
{
    protected override Task<TestHost> StartHostAsync() =>
        TestHost.StartAsync(settings: new Dictionary<string, string?> { ["CivilProtection:Map:TileUrl"] = "" });
}

/// <summary>
/// The situation dashboard and the request page's map on a phone, with no tiles: the markers stand where the incidents
/// are, can be reached with the keyboard, the same places are listed as text, and the pages read in English and in
/// Arabic (right to left), accessible and worded from the dictionaries; the dashboard prints without its controls.
/// </summary>
public sealed class SituationPageTests(NoTilesBrowserFixture fixture) : IClassFixture<NoTilesBrowserFixture>
{
    private const float Slow = 60_000;

    [Theory]
    [InlineData("en", "ltr")]
    [InlineData("ar", "rtl")]
    public async Task The_dashboard_shows_the_counts_and_the_incidents_on_a_map_without_tiles(string language, string direction)
    {
        var (id, reference) = await Filing.FileFloodAsync(fixture.Host);
        var duty = await fixture.SignedInAsAsync("ma-duty", language);
        var missing = PageChecks.MissingTexts(duty);

        await duty.GetByTestId("nav-situation").ClickAsync();

        await Expect(duty.GetByTestId("situation-total")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(duty.Locator("html")).ToHaveAttributeAsync("dir", direction);
        var lifeSafety = int.Parse((await duty.GetByTestId("situation-urgency-life-safety").GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
        Assert.True(lifeSafety >= 1, $"{lifeSafety} life-safety requests counted, one at least was filed.");
        var place = duty.GetByTestId("situation-place").Filter(new() { HasText = reference });
        await Expect(place).ToBeVisibleAsync();
        await Expect(place.Locator("a[href='geo:34.22,-5.71']")).ToBeVisibleAsync();

        var map = duty.GetByTestId("situation-map");
        await Expect(map).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = Slow });
        await Expect(map).ToHaveAttributeAsync("data-tiles", "false");
        await Expect(map.Locator("img.leaflet-tile")).ToHaveCountAsync(0);
        var marker = map.Locator($"[data-testid='situation-map-marker'][title^='{reference}']");
        await Expect(marker).ToBeVisibleAsync();
        await Expect(marker).ToHaveAttributeAsync("tabindex", "0");
        await Expect(marker).ToHaveAttributeAsync("alt", new Regex($"^{Regex.Escape(reference)} "));
        await Expect(map.Locator(".leaflet-control-zoom-in")).ToHaveAttributeAsync("aria-label", language == "ar" ? "تكبير" : "Zoom in");

        var widths = await duty.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The situation page scrolls sideways: {widths[0]} px wide in {widths[1]} px.");
        await PageChecks.ExpectAccessibleAsync(duty);
        Assert.Empty(missing);

        // Printed, the report keeps its content and drops the controls.
        await duty.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(duty.GetByTestId("situation-print")).ToBeHiddenAsync();
        await Expect(duty.Locator("#site-header")).ToBeHiddenAsync();
        await Expect(duty.GetByTestId("situation-counts")).ToBeVisibleAsync();
        await duty.EmulateMediaAsync(new() { Media = Media.Screen });

        // The marker is a button: pressed with the keyboard, it opens its request.
        await marker.FocusAsync();
        await duty.Keyboard.PressAsync("Enter");
        await Expect(duty).ToHaveURLAsync(new Regex($"#/requests/{Regex.Escape(id)}$"), new() { Timeout = Slow });
    }

    [Fact]
    public async Task The_request_page_shows_the_incident_on_a_small_map_with_links_to_open_it()
    {
        var (id, reference) = await Filing.FileFloodAsync(fixture.Host);
        var duty = await fixture.SignedInAsAsync("ma-duty", "en");
        var missing = PageChecks.MissingTexts(duty);

        await duty.GotoAsync($"/#/requests/{id}");

        await Expect(duty.GetByTestId("request-reference")).ToHaveTextAsync(reference, new() { Timeout = Slow });
        await Expect(duty.GetByTestId("request-coordinates")).ToHaveTextAsync("34.22 / -5.71");
        await Expect(duty.GetByTestId("request-place-osm")).ToHaveAttributeAsync("href", "https://www.openstreetmap.org/?mlat=34.22&mlon=-5.71#map=13/34.22/-5.71");
        await Expect(duty.GetByTestId("request-place-geo")).ToHaveAttributeAsync("href", "geo:34.22,-5.71");
        var map = duty.GetByTestId("request-map");
        // Below the first screen on a phone, the map is drawn only as it comes near.
        await Expect(map).Not.ToHaveAttributeAsync("data-ready", "true");
        await map.ScrollIntoViewIfNeededAsync();
        await Expect(map).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = Slow });
        await Expect(map).ToHaveAttributeAsync("data-markers", "1");
        await Expect(map.GetByTestId("request-map-marker")).ToHaveAttributeAsync("alt", new Regex($"^{Regex.Escape(reference)} "));
        await PageChecks.ExpectAccessibleAsync(duty);
        Assert.Empty(missing);
    }
}
