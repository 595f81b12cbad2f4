using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Deployments;

/// <summary>
/// What a party's system sent about the deployment (EDXL-RM messages), remembered on the report or release it made, so
/// that the same message applied twice changes nothing: the check and the change commit together.
/// </summary>
public sealed partial class Deployment
{
    /// <summary>Whether the message <paramref name="messageId"/> already reported a status or released the teams.</summary>
    public bool HasApplied(string messageId) =>
        State.Reports.Any(r => r.MessageId == messageId) || State.Release?.MessageId == messageId;

    /// <summary>Records that the latest report came in on the message <paramref name="messageId"/>.</summary>
    public void NoteReportMessage(string messageId) =>
        State = State with { Reports = [.. State.Reports.Take(State.Reports.Count - 1), State.Reports[^1] with { MessageId = messageId }] };

    /// <summary>Records that the release came in on the message <paramref name="messageId"/>.</summary>
    public void NoteReleaseMessage(string messageId) =>
        State = State with { Release = (State.Release ?? throw new TransitionRefusedException("The teams were not released.")) with { MessageId = messageId } };
}
