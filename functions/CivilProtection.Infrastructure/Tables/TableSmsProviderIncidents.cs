using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>The open SMS provider incident: one row of the outbox table (partition <c>sms-provider</c>), inserted to open it, deleted to close it.</summary>
public sealed class TableSmsProviderIncidents(StateTables tables) : ISmsProviderIncidents
{
    private const string Partition = "sms-provider";
    private const string Row = "incident";

    public async Task<bool> OpenAsync(SmsProviderIncident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var entity = new TableEntity(Partition, Row)
        {
            [RowFormat.Column] = RowFormat.Current,
            ["ErrorCode"] = incident.ErrorCode,
            ["Since"] = incident.Since,
            ["RequestId"] = incident.RequestId,
        };
        try
        {
            // Insert, not upsert: only the first refusal opens it, and only it alerts.
            await tables.Outbox.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> CloseAsync(CancellationToken cancellationToken)
    {
        // The SDK answers a missing row with its 404 rather than an exception.
        using var response = await tables.Outbox.DeleteEntityAsync(Partition, Row, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    public async Task<SmsProviderIncident?> FindAsync(CancellationToken cancellationToken)
    {
        var found = await tables.Outbox.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity
            ? new SmsProviderIncident(entity.GetInt32("ErrorCode") ?? 0, entity.GetDateTimeOffset("Since") ?? DateTimeOffset.MinValue, entity.GetString("RequestId") ?? "")
            : null;
    }
}
