using CivilProtection.Application.Directory;
using CivilProtection.Testing;

namespace CivilProtection.Identity.Tests;

/// <summary>The settings that make the local host behave as the Functions app does in Azure (Production, behind Easy Auth).</summary>
internal static class AzureSettings
{
    public static Dictionary<string, string?> BehindAppServiceAuthentication(bool trusted = true) => new()
    {
        ["CivilProtection:Identity:TrustAppServiceAuthentication"] = trusted ? "true" : "false",
        // Outside Development SMS need Twilio settings to start; nothing here sends one (no one is on call).
        ["CivilProtection:Twilio:AccountSid"] = "AC" + new string('0', 32),
        ["CivilProtection:Twilio:AuthToken"] = "not-a-real-token",
        ["CivilProtection:Twilio:MessagingServiceSid"] = "MG" + new string('0', 32),
        ["CivilProtection:Twilio:PublicBaseUrl"] = "https://cp.example.org",
        ["CivilProtection:Twilio:ApiBaseUrl"] = "http://127.0.0.1:9",
    };
}

/// <summary>
/// One local host configured as in Azure: Production, trusting App Service authentication. People are known to the
/// directory by their Entra object id, as admins add them there.
/// </summary>
public sealed class AzureSignInFixture : IAsyncLifetime
{
    public static readonly string DutyOfficerId = Guid.NewGuid().ToString();
    public static readonly string ApproverId = Guid.NewGuid().ToString();
    public static readonly string FrenchApproverId = Guid.NewGuid().ToString();

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(environment: "Production", settings: AzureSettings.BehindAppServiceAuthentication());
        var directory = Host.Service<IDirectory>();
        // The directory's roles differ from the token's on purpose: the token's app roles decide.
        await directory.SaveUserAsync(new DirectoryUser(DutyOfficerId, "Youssef El Amrani", "MA-DGPC", ["coordinator"], []), CancellationToken.None);
        await directory.SaveUserAsync(new DirectoryUser(ApproverId, "Salma Benali", "MA-DGPC", [], ["validation", "acceptance"]), CancellationToken.None);
        await directory.SaveUserAsync(new DirectoryUser(FrenchApproverId, "Julien Moreau", "FR-DGSCGC", ["approver"], ["validation", "acceptance"]), CancellationToken.None);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(string? principalHeader) => Principals.ClientWith(Host.BaseAddress, principalHeader);
}
