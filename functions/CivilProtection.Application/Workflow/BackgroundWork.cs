namespace CivilProtection.Application.Workflow;

/// <summary>
/// Marks work no person is waiting on: the workflow's handlers (but those <see cref="IMessageHandler.AwaitedByPeople"/>),
/// the outbox relay and its sweep. Storage adapters may let a person's call (a filing, a decision) go ahead of it;
/// see <c>CivilProtection:Tables:BackgroundCalls</c>.
/// </summary>
public static class BackgroundWork
{
    private static readonly AsyncLocal<bool> Marked = new();

    /// <summary>Whether the calling code runs for background work.</summary>
    public static bool IsCurrent => Marked.Value;

    /// <summary>
    /// Marks the calling async method and all it awaits or starts. Call it from an <c>async</c> method: the mark ends
    /// when that method returns, and never reaches its caller.
    /// </summary>
    public static void Mark() => Marked.Value = true;
}
