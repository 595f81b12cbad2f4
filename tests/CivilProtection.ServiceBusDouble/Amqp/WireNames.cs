using Microsoft.Azure.Amqp.Encoding;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>The names Service Bus uses on the wire, as the Azure SDK reads and writes them.</summary>
internal static class WireNames
{
    // Message annotations the broker writes on every delivery.
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueueSequenceNumber = "x-opt-enqueue-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string LockedUntil = "x-opt-locked-until";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string MessageState = "x-opt-message-state";
    public const string DeadLetterSource = "x-opt-deadletter-source";

    // Application properties a dead-lettered message carries.
    public const string DeadLetterReason = "DeadLetterReason";
    public const string DeadLetterErrorDescription = "DeadLetterErrorDescription";

    // Error conditions the SDK turns into its failure reasons.
    public static readonly AmqpSymbol MessageLockLostCondition = "com.microsoft:message-lock-lost";
    public static readonly AmqpSymbol MessageNotFoundCondition = "com.microsoft:message-not-found";
    public static readonly AmqpSymbol ArgumentErrorCondition = "com.microsoft:argument-error";

    /// <summary>The annotations the broker owns: a sender's value for them is ignored.</summary>
    public static bool IsBrokerAnnotation(string name) => name is SequenceNumber or EnqueueSequenceNumber or EnqueuedTime
        or LockedUntil or MessageState or DeadLetterSource;
}

/// <summary>The vocabulary of the <c>$cbs</c> node and the <c>$management</c> request/response links.</summary>
internal static class RequestNames
{
    public const string Operation = "operation";

    // $cbs put-token: its answer uses kebab-case keys.
    public const string PutToken = "put-token";
    public const string CbsStatusCode = "status-code";
    public const string CbsStatusDescription = "status-description";

    // $management: its answers use camelCase keys.
    public const string StatusCode = "statusCode";
    public const string StatusDescription = "statusDescription";
    public const string ErrorCondition = "errorCondition";

    public const string RenewLock = "com.microsoft:renew-lock";
    public const string ScheduleMessage = "com.microsoft:schedule-message";
    public const string CancelScheduledMessage = "com.microsoft:cancel-scheduled-message";
    public const string PeekMessage = "com.microsoft:peek-message";
    public const string ReceiveBySequenceNumber = "com.microsoft:receive-by-sequence-number";
    public const string UpdateDisposition = "com.microsoft:update-disposition";

    // Keys of the request and answer bodies, which are AMQP maps.
    public static readonly MapKey LockTokens = new("lock-tokens");
    public static readonly MapKey LockToken = new("lock-token");
    public static readonly MapKey Expirations = new("expirations");
    public static readonly MapKey Messages = new("messages");
    public static readonly MapKey Message = new("message");
    public static readonly MapKey SequenceNumbers = new("sequence-numbers");
    public static readonly MapKey FromSequenceNumber = new("from-sequence-number");
    public static readonly MapKey MessageCount = new("message-count");
    public static readonly MapKey ReceiverSettleMode = new("receiver-settle-mode");
    public static readonly MapKey DispositionStatus = new("disposition-status");
    public static readonly MapKey DeadLetterReason = new("deadletter-reason");
    public static readonly MapKey DeadLetterDescription = new("deadletter-description");
    public static readonly MapKey PropertiesToModify = new("properties-to-modify");
}
