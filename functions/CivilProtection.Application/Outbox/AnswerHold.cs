namespace CivilProtection.Application.Outbox;

/// <summary>
/// Holds the workflow a person's call sets off until their answer is sent. A commit hands its outbox rows to the
/// relay, and routing, the indexes and paging start at once, with CPU and storage calls of their own; started beside
/// the answer, on two cores, they held the answer up (a filing's p50 went from about 4.2 to 3.4 ms when they
/// started a moment later; docs/architecture.md, "What a filing costs"). The HTTP layer begins a hold for each call
/// and releases it once the response is complete. Outside a held call, or once it is released, a hand-off runs at once.
/// </summary>
public sealed class AnswerHold
{
    private static readonly AsyncLocal<AnswerHold?> Current = new();
    private readonly Lock _lock = new();
    private List<Action>? _held = [];

    /// <summary>
    /// Begins a hold for the calling async method and all it awaits or starts. Call it from an <c>async</c> method: the
    /// hold is current until that method returns, and never reaches its caller.
    /// </summary>
    public static AnswerHold Begin() => Current.Value = new AnswerHold();

    /// <summary>Runs <paramref name="handOff"/> once the current call's answer is sent; at once outside a held call.</summary>
    public static void AfterAnswer(Action handOff)
    {
        if (Current.Value is not { } hold || !hold.TryHold(handOff))
        {
            handOff();
        }
    }

    /// <summary>Runs what was held, in order; whatever is handed off later runs at once.</summary>
    public void Release()
    {
        List<Action>? held;
        lock (_lock)
        {
            held = _held;
            _held = null;
        }
        held?.ForEach(handOff => handOff());
    }

    private bool TryHold(Action handOff)
    {
        lock (_lock)
        {
            _held?.Add(handOff);
            return _held is not null;
        }
    }
}
