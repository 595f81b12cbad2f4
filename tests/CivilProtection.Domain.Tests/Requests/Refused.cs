using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>Proves a transition is refused and leaves the request exactly as it was.</summary>
internal static class Refused
{
    public static TransitionRefusedException AndNothingChanged(AssistanceRequest request, Action<AssistanceRequest> transition)
    {
        var state = request.State;
        var events = request.NewEvents.ToList();
        var messages = request.NewMessages.ToList();

        var refusal = Assert.Throws<TransitionRefusedException>(() => transition(request));

        Assert.Same(state, request.State);
        Assert.Equal(events, request.NewEvents);
        Assert.Equal(messages, request.NewMessages);
        return refusal;
    }
}
