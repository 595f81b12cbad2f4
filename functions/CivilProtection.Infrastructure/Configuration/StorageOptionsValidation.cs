using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CivilProtection.Infrastructure.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Configuration;

/// <summary>
/// Checks where state and messages live (<c>CivilProtection:Tables</c>, <c>:ServiceBus</c>, <c>:Azure</c>) at start,
/// naming each bad setting and what it expects. In Azure (behind App Service authentication) it also refuses account
/// keys: there every Azure client authenticates with the managed identity. Secret values are never echoed.
/// </summary>
public sealed partial class StorageOptionsValidation(IConfiguration configuration) : IValidateOptions<CivilProtectionOptions>
{
    private const string Tables = "CivilProtection:Tables";
    private const string ServiceBus = "CivilProtection:ServiceBus";

    /// <summary>The longest table name the app uses (<c>Idempotency</c>); a name may have at most 63 characters.</summary>
    private const int LongestTableName = 11;

    /// <summary>More connections than this to one endpoint only queue in the storage service instead of in the app.</summary>
    private const int MaxTableConnections = 1000;

    public ValidateOptionsResult Validate(string? name, CivilProtectionOptions options)
    {
        var errors = new List<string>();
        var inAzure = AzureHosting.IsBehindAppServiceAuthentication(configuration);
        CheckTables(options.Tables, inAzure, errors);
        CheckServiceBus(options.ServiceBus.ConnectionString, options.ServiceBus.FullyQualifiedNamespace, inAzure, errors);
        if (options.Azure.ManagedIdentityClientId is { Length: > 0 } clientId && !Guid.TryParse(clientId, out _))
        {
            errors.Add("CivilProtection:Azure:ManagedIdentityClientId must be the client id (a GUID) of the app's user-assigned managed identity, "
                + "e.g. 1b2c3d4e-0000-4000-8000-123456789abc; leave it empty to use DefaultAzureCredential.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTables(TableStorageOptions tables, bool inAzure, List<string> errors)
    {
        if (tables.ServiceUri is { } uri)
        {
            if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                errors.Add($"{Tables}:ServiceUri must be an absolute https URL of a table endpoint, without query, "
                    + "e.g. https://<account>.table.core.windows.net (the managed identity needs https; a SAS token does not belong here).");
            }
            else if (OtherStorageService().Match(uri.Host) is { Success: true } other)
            {
                errors.Add($"{Tables}:ServiceUri points at the {other.Groups[1].Value} service ({uri.Host}); use the table endpoint, e.g. https://<account>.table.core.windows.net.");
            }
        }
        if (!string.IsNullOrEmpty(tables.ConnectionString))
        {
            var connectionString = tables.ConnectionString;
            if (!IsValidTableConnectionString(connectionString))
            {
                errors.Add($"{Tables}:ConnectionString is not a storage connection string: expected UseDevelopmentStorage=true, or "
                    + "DefaultEndpointsProtocol=http;AccountName=…;AccountKey=…;TableEndpoint=… (Azurite).");
            }
            else if (inAzure && HoldsAccountSecret(connectionString))
            {
                errors.Add($"{Tables}:ConnectionString holds an account key or SAS for a storage account, but in Azure the app reaches Table Storage "
                    + $"with its managed identity (and the account refuses shared keys): remove it and set {Tables}:ServiceUri, e.g. https://<account>.table.core.windows.net.");
            }
        }
        if (tables.TablePrefix.Length > 0 && !TablePrefix().IsMatch(tables.TablePrefix))
        {
            errors.Add($"{Tables}:TablePrefix must be a letter followed by letters or digits, at most {63 - LongestTableName} characters "
                + "(table names are alphanumeric and start with a letter), or empty.");
        }
        if (tables.MaxConnections is < 1 or > MaxTableConnections)
        {
            errors.Add($"{Tables}:MaxConnections must be a whole number from 1 to {MaxTableConnections}, the most connections to the table endpoint "
                + $"(default {TableStorageOptions.DefaultMaxConnections}).");
        }
        if (tables.BackgroundCalls < 0 || tables.BackgroundCalls > tables.MaxConnections)
        {
            errors.Add($"{Tables}:BackgroundCalls must be a whole number from 0 (no gate) to {Tables}:MaxConnections, the most storage calls of "
                + $"background work in flight at once (default {TableStorageOptions.DefaultBackgroundCalls}).");
        }
        if (tables.BackgroundCallWait < TimeSpan.Zero || tables.BackgroundCallWait > TableStorageOptions.MaxBackgroundCallWait)
        {
            errors.Add($"{Tables}:BackgroundCallWait must be a duration from 00:00:00 to {TableStorageOptions.MaxBackgroundCallWait:c}, how long a background "
                + $"storage call waits for a slot before it goes anyway (default {TableStorageOptions.DefaultBackgroundCallWait:c}).");
        }
    }

    private static void CheckServiceBus(string? connectionString, string? fullyQualifiedNamespace, bool inAzure, List<string> errors)
    {
        if (fullyQualifiedNamespace is { Length: > 0 } host
            && (host.Contains("://", StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal) || Uri.CheckHostName(host) != UriHostNameType.Dns))
        {
            errors.Add($"{ServiceBus}:FullyQualifiedNamespace must be the namespace's host name, without scheme or path, e.g. <namespace>.servicebus.windows.net.");
        }
        if (inAzure && connectionString is { Length: > 0 } && !connectionString.Contains("UseDevelopmentEmulator=true", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{ServiceBus}:ConnectionString is set, but in Azure the app reaches Service Bus with its managed identity (the namespace refuses SAS keys): "
                + $"remove it and set {ServiceBus}:FullyQualifiedNamespace, e.g. <namespace>.servicebus.windows.net.");
        }
    }

    private static bool IsValidTableConnectionString(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    // Azurite's well-known development account is not a secret; any other account key or SAS is.
    private static bool HoldsAccountSecret(string connectionString)
    {
        var pairs = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (pairs.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var developmentAccount = pairs.TryGetValue("AccountName", out var account) && account == "devstoreaccount1";
        return !developmentAccount && (pairs.ContainsKey("AccountKey") || pairs.ContainsKey("SharedAccessSignature"));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,51}$")]
    private static partial Regex TablePrefix();

    [GeneratedRegex(@"^[^.]+\.(blob|queue|file|dfs)\.core\.", RegexOptions.IgnoreCase)]
    private static partial Regex OtherStorageService();
}
