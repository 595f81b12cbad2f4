using Microsoft.Extensions.Logging;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Whether the provider takes our SMS: degraded from the first refusal of our account or sender (Twilio 20003, 21606,
/// 21701, 21408, 30001…) until a send is accepted again. Kept in memory for the health probe (which touches no
/// storage) and shared through <see cref="ISmsProviderIncidents"/>; a successful send looks at the shared record at
/// most once a minute while nothing is known to be wrong, so the healthy path costs almost nothing.
/// </summary>
public sealed partial class SmsProviderHealth(ISmsProviderIncidents incidents, TimeProvider clock, ILogger<SmsProviderHealth> logger)
{
    /// <summary>How stale this instance's view may be while its own sends succeed.</summary>
    public static readonly TimeSpan LookEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private SmsProviderIncident? _latest;
    private DateTimeOffset _lookedAt = DateTimeOffset.MinValue;

    /// <summary>The open incident as this instance last saw it; null while the provider takes our SMS.</summary>
    public SmsProviderIncident? Latest
    {
        get { lock (_gate) { return _latest; } }
    }

    /// <summary>Records a refusal of our account or sender; true when it opened the incident (alert the admins, once).</summary>
    public async Task<bool> RefusedAsync(string requestId, int errorCode, CancellationToken cancellationToken)
    {
        var incident = new SmsProviderIncident(errorCode, clock.GetUtcNow(), requestId);
        var opened = await incidents.OpenAsync(incident, cancellationToken);
        Remember(opened ? incident : await incidents.FindAsync(cancellationToken) ?? incident);
        if (opened)
        {
            LogOpened(errorCode);
        }
        return opened;
    }

    /// <summary>A send was accepted: closes the incident if one is open (as this instance knows, or finds on its periodic look).</summary>
    public async Task AcceptedAsync(CancellationToken cancellationToken)
    {
        SmsProviderIncident? known;
        bool stale;
        lock (_gate)
        {
            known = _latest;
            stale = clock.GetUtcNow() - _lookedAt >= LookEvery;
        }
        if (known is null && !stale)
        {
            return;
        }
        if (known is null && await incidents.FindAsync(cancellationToken) is null)
        {
            Remember(null);
            return;
        }
        if (await incidents.CloseAsync(cancellationToken))
        {
            LogClosed();
        }
        Remember(null);
    }

    /// <summary>Reads the shared record again (the health watch, on each instance).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) => Remember(await incidents.FindAsync(cancellationToken));

    private void Remember(SmsProviderIncident? incident)
    {
        lock (_gate)
        {
            _latest = incident;
            _lookedAt = clock.GetUtcNow();
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The SMS provider refuses our account or sender (error {ErrorCode}): SMS stay pending, admins are alerted, notices ring where a voice number is set. Check CivilProtection:Twilio.")]
    private partial void LogOpened(int errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMS provider takes our SMS again; the incident is closed.")]
    private partial void LogClosed();
}
