namespace CivilProtection.Infrastructure.Messaging;

/// <summary>Where the <see cref="ServiceBusTransport"/> connects: a connection string (emulator, local) or a namespace reached with a managed identity (Azure).</summary>
/// <remarks>Exactly one is set, so a connection string can never silently win over the identity in Azure.</remarks>
public sealed class ServiceBusTransportOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ServiceBus";

    /// <summary>A Service Bus connection string, for the emulator or local development.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The namespace host, e.g. <c>civil-protection.servicebus.windows.net</c>, reached with a token credential.</summary>
    public string? FullyQualifiedNamespace { get; set; }
}
