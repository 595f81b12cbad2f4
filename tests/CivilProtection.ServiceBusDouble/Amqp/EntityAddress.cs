namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>What a link attaches to: the <c>$cbs</c> node, an entity's <c>$management</c> node, or an entity (a queue or its dead-letter queue).</summary>
internal sealed record EntityAddress(EntityAddressKind Kind, string EntityPath)
{
    private const string ManagementSuffix = "/$management";
    private const string DeadLetterSuffix = "/$deadletterqueue";

    /// <summary>The entity path as the double keys it: a queue's name, or <c>queue/$deadletterqueue</c> in lower case.</summary>
    public static string DeadLetterPathOf(string queue) => queue + DeadLetterSuffix;

    /// <summary>Reads an attach address: the SDK sends <c>/queue</c> for senders and receivers, <c>queue/$management</c> and <c>$cbs</c> for request links.</summary>
    public static EntityAddress Parse(string address)
    {
        var path = address;
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            // A full address (amqp://host/queue): keep the path.
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? string.Empty : path[slash..];
        }

        path = path.Trim('/');
        if (path.Equals("$cbs", StringComparison.OrdinalIgnoreCase))
        {
            return new EntityAddress(EntityAddressKind.Cbs, path);
        }

        if (path.EndsWith(ManagementSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return new EntityAddress(EntityAddressKind.Management, Normalize(path[..^ManagementSuffix.Length]));
        }

        return new EntityAddress(EntityAddressKind.Entity, Normalize(path));
    }

    // Service Bus names are case-insensitive, and the SDK spells the dead-letter queue "$DeadLetterQueue".
    private static string Normalize(string path) =>
        path.EndsWith(DeadLetterSuffix, StringComparison.OrdinalIgnoreCase)
            ? DeadLetterPathOf(path[..^DeadLetterSuffix.Length])
            : path;
}

/// <summary>The kinds of node a link can attach to.</summary>
internal enum EntityAddressKind
{
    Cbs,
    Management,
    Entity,
}
