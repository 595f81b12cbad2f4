namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>A settlement or renewal named a lock that expired, was settled, or never existed: Service Bus's <c>MessageLockLost</c>.</summary>
internal sealed class LockLostException(string message) : Exception(message);

/// <summary>A message asked for by sequence number is not there (or not deferred): Service Bus's <c>MessageNotFound</c>.</summary>
internal sealed class MessageNotFoundException(string message) : Exception(message);
