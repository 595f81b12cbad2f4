namespace CivilProtection.Browser.Tests;

/// <summary>What the browser tests type into the new-request form.</summary>
internal static class RequestFormSteps
{
    /// <summary>A valid request (a wildfire, to France unless <paramref name="assisting"/> says otherwise, or null to tick partners instead).</summary>
    public static async Task FillValidAsync(IPage page, string? assisting = "FR-DGSCGC")
    {
        if (assisting is not null)
        {
            await page.GetByTestId("field-assistingAuthorityId").SelectOptionAsync(assisting);
        }
        await page.GetByTestId("field-incident.type").SelectOptionAsync("wildfire");
        await page.GetByTestId("field-incident.title").FillAsync("Feux de forêt dans le Rif");
        await page.GetByTestId("field-incident.description").FillAsync("Plusieurs foyers actifs près de Chefchaouen; vents forts.");
        await page.GetByTestId("field-incident.region").FillAsync("Tanger-Tétouan-Al Hoceïma");
        await page.GetByTestId("field-incident.place").FillAsync("Chefchaouen");
        await page.GetByTestId("field-urgency").SelectOptionAsync("life-safety");
        await page.GetByTestId("field-capabilities[0].code").SelectOptionAsync("AFFF-P");
        await page.GetByTestId("field-capabilities[0].quantity").FillAsync("2");
        var neededBy = DateTime.Now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByTestId("field-neededBy").FillAsync(neededBy);
        await page.GetByTestId("field-contact.name").FillAsync("Youssef El Amrani");
        await page.GetByTestId("field-contact.phone").FillAsync("+212612345678");
        await page.GetByTestId("field-contact.email").FillAsync("y.elamrani@protectioncivile.ma");
    }
}
