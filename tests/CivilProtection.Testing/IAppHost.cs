namespace CivilProtection.Testing;

/// <summary>
/// The application as one of its two hosts serves it over HTTP on loopback, on tables of its own in Azurite: the
/// local host (<see cref="TestHost"/>) or the Azure Functions app under the host double (<see cref="FunctionsAppHost"/>).
/// </summary>
public interface IAppHost : IAsyncDisposable
{
    /// <summary>"local host" or "Functions app", for names and failure messages.</summary>
    string Kind { get; }

    Uri BaseAddress { get; }

    string TablePrefix { get; }

    Azurite Azurite { get; }

    /// <summary>An HTTP client acting as a seeded (or test-made) user through the Development header; null for nobody.</summary>
    HttpClient ClientFor(string? userId);

    /// <summary>
    /// A service of the application over the same tables, to arrange what a test needs (people, rosters, directory
    /// entries). For the Functions app it is a composition of its own in the test's process: what lives only in the
    /// app's memory (its transport, its caches) is not shared.
    /// </summary>
    T Service<T>() where T : notnull;
}
