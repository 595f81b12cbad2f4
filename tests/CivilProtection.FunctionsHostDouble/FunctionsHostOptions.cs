namespace CivilProtection.FunctionsHostDouble;

/// <summary>What the double runs and how: the app's built assembly, its app settings, and how its timers fire.</summary>
public sealed record FunctionsHostOptions
{
    /// <summary>The Functions app's built assembly in its own output folder (with functions.metadata and host.json beside it).</summary>
    public required string AppAssembly { get; init; }

    /// <summary>The app settings, given to the worker as environment variables (<c>A:B</c> as <c>A__B</c>).</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; init; } = new Dictionary<string, string>();

    /// <summary><c>AZURE_FUNCTIONS_ENVIRONMENT</c>: Development as under Core Tools, Production as in Azure.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>The largest gRPC message either side may send, as the host tells the worker.</summary>
    public int GrpcMaxMessageLength { get; init; } = int.MaxValue;

    /// <summary>
    /// How timers fire. <see cref="TimerMode.Schedule"/>: on their CRON schedule (or an override below), as in Azure.
    /// <see cref="TimerMode.OnDemand"/>: only when a test calls <see cref="FunctionsHost.FireTimerAsync"/>.
    /// </summary>
    public TimerMode Timers { get; init; } = TimerMode.Schedule;

    /// <summary>A CRON schedule (six fields, seconds first) per timer function, in place of the one its metadata declares.</summary>
    public IReadOnlyDictionary<string, string> ScheduleOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// When set, the front acts as App Service authentication: it drops any <c>X-MS-CLIENT-PRINCIPAL*</c> header a
    /// client sent, and for a request carrying a session made by <see cref="FunctionsHost.SignIn"/> it sets them itself.
    /// </summary>
    public bool AppServiceAuthentication { get; init; }

    /// <summary>The front's loopback port; 0 for a free one. A known port lets the app be told its public URL (Twilio's callbacks).</summary>
    public int FrontPort { get; init; }

    /// <summary>How long the worker has to dial in, answer the handshake and load its functions.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>How the double fires timer triggers.</summary>
public enum TimerMode
{
    Schedule,
    OnDemand,
}
