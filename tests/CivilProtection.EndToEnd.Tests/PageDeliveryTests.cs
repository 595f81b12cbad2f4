using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// How the pages reach a phone on a poor network, over real HTTP on each host: the built index.html names only files
/// that exist; a bundle named by its content is kept a year and sent compressed; index.html and the dictionaries are
/// revalidated against an entity tag (a 304 when unchanged); API answers are compressed too.
/// </summary>
public abstract partial class PageDeliveryTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    private const string YearLong = "public, max-age=31536000, immutable";

    [Fact]
    public async Task Index_names_only_files_that_exist_and_its_bundles_are_kept_a_year()
    {
        var client = fixture.As(null);
        var index = await client.GetStringAsync("/");
        var references = LocalReferences().Matches(index).Select(m => m.Groups[1].Value).ToList();
        var bundles = ModuleScripts().Matches(index).Concat(ModulePreloads().Matches(index)).Concat(Stylesheets().Matches(index)).Select(m => m.Groups[1].Value).ToList();
        // The app, the shell it and its views share, the stylesheet: no view, which comes when it is shown, and neither
        // the page's one script (early.js, which starts the app) nor the icon, which are in the page itself.
        Assert.Equal(["app", "chunk", "styles"], bundles.Select(b => b.Split('.')[0]).Order());
        Assert.Matches(@"<link rel=""icon"" href=""data:image/svg\+xml;base64,", index);

        foreach (var reference in references)
        {
            using var file = await client.GetAsync("/" + reference);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"index.html names {reference}, which answers {(int)file.StatusCode}");
            // A bundle's name holds a hash of its content, which is what makes a year safe; the rest is revalidated.
            var expected = bundles.Contains(reference) ? YearLong : "no-cache";
            Assert.Equal(expected, file.Headers.CacheControl?.ToString());
        }
        Assert.All(bundles, b => Assert.Matches(@"^(app|chunk|styles)\.[A-Z0-9]{8}\.(js|css)$", b));
    }

    [Fact]
    public async Task The_page_s_inline_script_and_no_other_is_let_in_by_its_hash_in_both_policies()
    {
        using var answer = await fixture.As(null).GetAsync("/");
        await Api.ExpectAsync(answer, HttpStatusCode.OK);
        var index = await answer.Content.ReadAsStringAsync();

        var script = Assert.Single(InlineScripts().Matches(index)).Groups[1].Value;
        Assert.Contains("app.", script, StringComparison.Ordinal); // early.js, which starts the app
        var hash = $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)))}'";
        var header = answer.Headers.GetValues("Content-Security-Policy").Single();
        var meta = MetaPolicy().Match(index).Groups[1].Value;
        foreach (var policy in new[] { header, meta })
        {
            var scriptSources = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
            Assert.Equal($"script-src 'self' {hash}", scriptSources);
        }
        Assert.DoesNotContain("unsafe-inline", header + meta, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_bundle_comes_compressed_when_asked_and_decompresses_to_the_same_bytes(string encoding)
    {
        var client = fixture.As(null);
        var script = ModulePreloads().Matches(await client.GetStringAsync("/")).Select(m => m.Groups[1].Value).Single(s => s.StartsWith("app.", StringComparison.Ordinal));
        using var plain = await client.GetAsync("/" + script);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var identity = await plain.Content.ReadAsByteArrayAsync();

        using var compressed = await GetAsync(client, "/" + script, encoding);
        await Api.ExpectAsync(compressed, HttpStatusCode.OK);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Equal(YearLong, compressed.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", compressed.Headers.GetValues("X-Content-Type-Options").Single());
        var body = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < identity.Length / 2, $"{encoding}: {body.Length} bytes for {identity.Length}");
        Assert.Equal(identity, Decompress(body, encoding));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/i18n/fr.json")]
    public async Task Index_and_the_dictionaries_are_revalidated_and_an_unchanged_one_is_a_304(string path)
    {
        var client = fixture.As(null);
        using var first = await GetAsync(client, path, "br");
        await Api.ExpectAsync(first, HttpStatusCode.OK);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        var tag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"{path} has no ETag");
        Assert.Contains("default-src 'self'", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var again = await GetAsync(client, path, "br", tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());

        // Another copy (here the file itself, not the Brotli one) has another tag: never a 304 for the wrong body.
        using var identity = await GetAsync(client, path, null, tag);
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.NotEqual(tag, identity.Headers.ETag);
    }

    [Theory]
    [InlineData(null, null, "fr")]
    [InlineData(null, "ar-MA,ar;q=0.9,fr;q=0.8", "ar")]
    [InlineData(null, "de-DE,en;q=0.5,fr;q=0.7", "fr")]
    [InlineData(null, "de-DE,*;q=0.5", "fr")]
    [InlineData("en", "ar-MA,ar;q=0.9", "en")]
    [InlineData("xx", "en-GB", "en")]
    public async Task Index_preloads_the_dictionary_of_the_language_the_page_will_start_in(string? cookie, string? acceptLanguage, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"cp_lang={cookie}");
        }
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }
        using var index = await fixture.As(null).SendAsync(request);
        await Api.ExpectAsync(index, HttpStatusCode.OK);

        var link = Assert.Single(index.Headers.GetValues("Link"));
        Assert.Equal($"<i18n/{expected}.json>; rel=preload; as=fetch; crossorigin", link);
        Assert.Contains("Accept-Language", index.Headers.Vary);
        Assert.Contains("Cookie", index.Headers.Vary);
        // What it names is there, and a bundle or a dictionary itself preloads nothing.
        using var dictionary = await fixture.As(null).GetAsync($"/i18n/{expected}.json");
        await Api.ExpectAsync(dictionary, HttpStatusCode.OK);
        Assert.False(dictionary.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Api_answers_come_compressed_when_asked(string encoding)
    {
        var client = fixture.As("ma-duty");
        var plain = await client.GetStringAsync("/api/authorities");

        using var compressed = await GetAsync(client, "/api/authorities", encoding);
        await Api.ExpectAsync(compressed, HttpStatusCode.OK);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Equal(plain, System.Text.Encoding.UTF8.GetString(Decompress(await compressed.Content.ReadAsByteArrayAsync(), encoding)));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? encoding, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }
        return await client.SendAsync(request);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    // The page's own files: src and href values that are not another origin, a fragment or inline data.
    [GeneratedRegex(@"\b(?:src|href)=""(?![a-z]+:|//|#)([^""]+)""")]
    private static partial Regex LocalReferences();

    [GeneratedRegex(@"<link\b[^>]*\brel=""stylesheet""[^>]*\bhref=""([^""]+)""")]
    private static partial Regex Stylesheets();

    [GeneratedRegex(@"<script\b[^>]*\btype=""module""[^>]*\bsrc=""([^""]+)""")]
    private static partial Regex ModuleScripts();

    [GeneratedRegex(@"<link\b[^>]*\brel=""modulepreload""[^>]*\bhref=""([^""]+)""")]
    private static partial Regex ModulePreloads();

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScripts();

    [GeneratedRegex(@"<meta http-equiv=""Content-Security-Policy"" content=""([^""]+)""")]
    private static partial Regex MetaPolicy();
}

public sealed class PageDeliveryTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : PageDeliveryTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class PageDeliveryTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : PageDeliveryTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
