using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Interop;

/// <summary>
/// The EDXL-RM message was applied to the request before: the change stops before it commits anything, and the import
/// answers as it did the first time. Thrown inside the change, so the check reads the snapshot the commit is guarded by.
/// </summary>
public sealed class MessageAlreadyAppliedException(string messageId) : Exception($"The message {messageId} was applied before.")
{
    public string MessageId { get; } = messageId;

    public static void RefuseRepeat(AssistanceRequest request, string? messageId)
    {
        if (messageId is not null && request.HasApplied(messageId))
        {
            throw new MessageAlreadyAppliedException(messageId);
        }
    }
}
