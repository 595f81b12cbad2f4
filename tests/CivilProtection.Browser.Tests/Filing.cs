namespace CivilProtection.Browser.Tests;

/// <summary>A request filed over HTTP, for tests that start from one on the pages.</summary>
internal static class Filing
{
    /// <summary>The Sebou flood, filed by MA-DGPC's duty officer to France.</summary>
    public static async Task<(string Id, string Reference)> FileFloodAsync(TestHost host)
    {
        using var duty = host.ClientFor("ma-duty");
        using var filed = await duty.PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var view = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)view["id"]!, (string)view["reference"]!);
    }
}
