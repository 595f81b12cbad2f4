using CivilProtection.Api.Web;
using CivilProtection.Application.Situation;
using Microsoft.Extensions.Options;

namespace CivilProtection.Functions.Tests;

/// <summary>
/// What the pages' maps need from the build and the settings: Leaflet copied from npm into the Functions app's
/// <c>web/vendor/leaflet/</c> (never committed), and a Content-Security-Policy that lets in the configured tiles only.
/// </summary>
public sealed class MapFilesTests
{
    [Theory]
    [InlineData("leaflet-src.esm.js")]
    [InlineData("leaflet.css")]
    [InlineData("images/marker-icon.png")]
    [InlineData("images/marker-shadow.png")]
    public void The_output_holds_Leaflet_as_npm_installed_it(string file)
    {
        var installed = Path.Combine(FunctionsApp.RepositoryRoot, "node_modules", "leaflet", "dist", file);
        var copied = FunctionsApp.OutputFile(Path.Combine("web", "vendor", "leaflet", file));

        Assert.True(File.Exists(copied), $"{copied} is missing; rebuild the app after npm ci.");
        Assert.True(File.ReadAllBytes(installed).AsSpan().SequenceEqual(File.ReadAllBytes(copied)), $"{copied} differs from {installed}; rebuild the app.");
        Assert.False(File.Exists(Path.Combine(FunctionsApp.RepositoryRoot, "functions", "web", "vendor", "leaflet", file)), "Leaflet's files are copied at build time, not kept in functions/web.");
    }

    [Fact]
    public void The_policy_lets_in_images_from_the_tile_server_s_origin_and_no_other()
    {
        var osm = new ContentSecurityPolicy(Options.Create(new MapOptions())).Header;
        var own = new ContentSecurityPolicy(Options.Create(new MapOptions { TileUrl = "https://tiles.example.ma:8443/osm/{z}/{x}/{y}.png" })).Header;
        var none = new ContentSecurityPolicy(Options.Create(new MapOptions { TileUrl = "" })).Header;

        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", osm, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: https://tiles.example.ma:8443;", own, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:;", none, StringComparison.Ordinal);
        Assert.All(new[] { osm, own, none }, policy => Assert.StartsWith("default-src 'self';", policy, StringComparison.Ordinal));
    }

    [Fact]
    public void The_page_s_own_policy_lets_in_the_default_tiles_too()
    {
        var index = File.ReadAllText(FunctionsApp.OutputFile(Path.Combine("web", "index.html")));

        Assert.Contains($"img-src 'self' data: {new MapOptions().TileOrigin};", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://tile.openstreetmap.org/{z}/{x}/{y}.png")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png")]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}.png")]
    [InlineData("not a url {z}{x}{y}")]
    public void A_tile_url_that_is_not_https_on_one_host_with_its_three_placeholders_is_refused(string tileUrl) =>
        Assert.False(new MapOptions { TileUrl = tileUrl }.IsValid);
}
