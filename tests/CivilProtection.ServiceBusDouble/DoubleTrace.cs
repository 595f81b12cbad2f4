namespace CivilProtection.ServiceBusDouble;

/// <summary>A trace of what the double does on the wire, to standard error, when <c>CP_SERVICEBUS_DOUBLE_TRACE</c> is set: for debugging a client's conversation.</summary>
internal static class DoubleTrace
{
    private static readonly bool Enabled = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CP_SERVICEBUS_DOUBLE_TRACE"));

    public static void Write(string message)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"[double {DateTime.UtcNow:HH:mm:ss.fff}] {message}");
        }
    }
}
