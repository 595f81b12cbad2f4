namespace CivilProtection.Browser.Tests;

/// <summary>
/// A French page reads the server's refusals in French: it sends its language with every call, the server words the
/// problem in it, and field errors are worded from the page's own dictionary by their codes.
/// </summary>
public sealed class ProblemsInThePageLanguageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;

    [Fact]
    public async Task A_decision_on_a_request_that_changed_meanwhile_is_refused_in_French()
    {
        var (id, _) = await Filing.FileFloodAsync(fixture.Host);
        var approver = await fixture.SignedInAsAsync("ma-approver", "fr");
        var missing = PageChecks.MissingTexts(approver);
        await approver.GotoAsync($"/#/requests/{id}");
        await Expect(approver.GetByTestId("decide-approve")).ToBeVisibleAsync(new() { Timeout = Slow });

        await approver.GetByTestId("decide-approve").ClickAsync();

        // Someone else approves the stage while the dialog is open on the request as it was.
        using (var other = fixture.Host.ClientFor("ma-approver"))
        using (var decided = await other.PostAsJsonAsync($"/api/requests/{id}/decisions", new { decision = "approve" }))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }
        await approver.GetByTestId("decision-confirm").ClickAsync();

        var notice = approver.GetByTestId("request-notice");
        await Expect(notice).ToContainTextAsync("La demande a changé entre-temps.", new() { Timeout = Slow });
        await Expect(notice).ToContainTextAsync("rechargez-la et recommencez");
        await Expect(notice).Not.ToContainTextAsync("changed");
        await PageChecks.ExpectAccessibleAsync(approver);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Field_errors_are_worded_from_the_page_dictionary_by_their_codes()
    {
        var page = await fixture.SignedInAsAsync("ma-duty", "fr");

        var worded = await page.EvaluateAsync<string[]>("""
            async () => {
              // The page runs its bundle: these are the sources' own copies, whose dictionary is loaded here first.
              await (await import(new URL('i18n.js', document.baseURI).href)).initLanguage();
              const { fieldMessages } = await import(new URL('problems.js', document.baseURI).href);
              const problem = {
                errors: { 'incident.title': ['At most 200 characters.'], 'contact.phone': ['Some words the page does not know.'] },
                codes: { 'incident.title': ['too-long'], 'contact.phone': ['a-code-of-a-later-server'] },
                fieldArguments: { 'incident.title': [{ max: '200' }], 'contact.phone': [{}] },
              };
              const messages = fieldMessages(problem);
              return [messages['incident.title'][0], messages['contact.phone'][0]];
            }
            """);

        // A code the page does not know yet keeps the server's wording, which is already in the page's language.
        Assert.Equal(["200 caractères au plus.", "Some words the page does not know."], worded);
    }
}
