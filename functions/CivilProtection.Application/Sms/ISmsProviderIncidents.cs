namespace CivilProtection.Application.Sms;

/// <summary>
/// Where the provider refusing our account or sender is recorded: one incident open at a time, shared by every
/// instance, so the one refusal that opens it alerts the admins and later ones do not.
/// </summary>
public interface ISmsProviderIncidents
{
    /// <summary>Opens the incident; false, changing nothing, when one is open already.</summary>
    Task<bool> OpenAsync(SmsProviderIncident incident, CancellationToken cancellationToken);

    /// <summary>Closes the open incident; false when none was open.</summary>
    Task<bool> CloseAsync(CancellationToken cancellationToken);

    Task<SmsProviderIncident?> FindAsync(CancellationToken cancellationToken);
}

/// <summary>The provider refuses our account or sender since <paramref name="Since"/>, first with <paramref name="ErrorCode"/>.</summary>
/// <param name="RequestId">The request whose SMS was refused first: where the admins' alert went, on its timeline.</param>
public sealed record SmsProviderIncident(int ErrorCode, DateTimeOffset Since, string RequestId);
