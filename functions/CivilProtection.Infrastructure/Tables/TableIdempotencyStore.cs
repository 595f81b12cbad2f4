using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>Idempotency keys in Table Storage, one partition per person, the key hashed so any client string is a valid row key.</summary>
public sealed class TableIdempotencyStore(StateTables tables, TimeProvider clock) : IIdempotencyStore
{
    public async Task<IdempotencyClaim> ClaimAsync(string userId, string key, string bodyFingerprint, string candidateRequestId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Safe(userId);
        var rowKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        try
        {
            await tables.Idempotency.AddEntityAsync(new TableEntity(partition, rowKey)
            {
                [RowFormat.Column] = RowFormat.Current,
                ["RequestId"] = candidateRequestId,
                ["Fingerprint"] = bodyFingerprint,
                ["ClaimedAt"] = clock.GetUtcNow(),
            }, cancellationToken);
            return new IdempotencyClaim(candidateRequestId, bodyFingerprint, IsNew: true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var earlier = await tables.Idempotency.GetEntityAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
            return new IdempotencyClaim(earlier.Value.GetString("RequestId"), earlier.Value.GetString("Fingerprint"), IsNew: false);
        }
    }
}
