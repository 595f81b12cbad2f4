using CivilProtection.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// A host for one test, with the exchange's directory (<see cref="ExchangeDirectory.PrepareAsync"/>), the fake Twilio
/// on loopback and a fake clock: for tests of what the exchange sends by SMS.
/// </summary>
public abstract class ExchangeWithTwilio : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected FakeTwilio Twilio { get; private set; } = null!;

    protected TestHost Host { get; private set; } = null!;

    protected SmsSteps Steps => new(Twilio, Host);

    public async Task InitializeAsync()
    {
        (Twilio, Host) = await FakeTwilioHost.StartAsync(Clock);
        await ExchangeDirectory.PrepareAsync(Host.App.Services);
        await PrepareAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>What a test class adds to the directory.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;
}
