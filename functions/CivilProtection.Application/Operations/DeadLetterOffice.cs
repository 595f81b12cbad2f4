using System.Globalization;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Operations;

/// <summary>
/// Where messages that failed for good wait for an admin: list them per queue, replay one once its cause is fixed, or
/// discard it. Each replay or discard of a message concerning a request is a line of that request's timeline, committed
/// in its partition like every change; access is <see cref="DeadLetterAccess"/>.
/// </summary>
public sealed partial class DeadLetterOffice(
    IMessageTransport transport,
    IRequestStore store,
    PartitionWriter writer,
    DeadLetterWatch watch,
    IOptions<DeadLetterOptions> options,
    TimeProvider clock,
    ILogger<DeadLetterOffice> logger)
{
    private static readonly IReadOnlyList<string> KnownQueues = QueueDescription.Embedded.Select(q => q.Name).ToList();

    /// <summary>The dead letters the admin may see, per queue (every queue, or the one named), oldest first.</summary>
    public async Task<IReadOnlyList<QueueDeadLetters>> ListAsync(Caller caller, string? queue, CancellationToken cancellationToken)
    {
        DeadLetterAccess.RequireAdmin(caller);
        if (queue is not null && !KnownQueues.Contains(queue, StringComparer.Ordinal))
        {
            throw new FormRejectedException("queue", UnknownQueue);
        }
        var upTo = options.Value.PerQueue;
        var queues = queue is null ? KnownQueues : [queue];
        var peeked = await Task.WhenAll(queues.Select(q => transport.PeekDeadLettersAsync(q, upTo, cancellationToken)));
        var concerns = peeked.SelectMany(letters => letters).ToDictionary(Key, DeadLetterConcern.Of);
        var requests = await LoadAsync(concerns.Values.SelectMany(c => c.RequestIds), cancellationToken);
        var now = clock.GetUtcNow();
        return queues.Select((name, i) => new QueueDeadLetters(
            name,
            peeked[i]
                .Select(letter => (Letter: letter, Concern: concerns[Key(letter)]))
                .Where(d => DeadLetterAccess.CanSee(caller, Existing(d.Concern, requests)))
                .Select(d => View(d.Letter, d.Concern, requests, now))
                .ToList(),
            More: peeked[i].Count >= upTo)).ToList();
    }

    /// <summary>Sends the dead letter back to its queue as a fresh delivery; 404 when it is not there (replayed or discarded already).</summary>
    public Task<DeadLetterSettlement> ReplayAsync(Caller caller, string queue, string sequenceNumber, DeadLetterForm form, CancellationToken cancellationToken) =>
        SettleAsync(caller, queue, sequenceNumber, form, DeadLetterOutcomes.Replayed, cancellationToken);

    /// <summary>Removes the dead letter for good; 404 when it is not there.</summary>
    public Task<DeadLetterSettlement> DiscardAsync(Caller caller, string queue, string sequenceNumber, DeadLetterForm form, CancellationToken cancellationToken) =>
        SettleAsync(caller, queue, sequenceNumber, form, DeadLetterOutcomes.Discarded, cancellationToken);

    private async Task<DeadLetterSettlement> SettleAsync(
        Caller caller, string queue, string sequenceNumberText, DeadLetterForm form, string outcome, CancellationToken cancellationToken)
    {
        DeadLetterAccess.RequireAdmin(caller);
        var (sequenceNumber, comment) = Validate(queue, sequenceNumberText, form);

        // Found among those the office reads, so the admin settles only what the list would show them.
        var letters = await transport.PeekDeadLettersAsync(queue, options.Value.PerQueue, cancellationToken);
        var letter = letters.FirstOrDefault(l => l.SequenceNumber == sequenceNumber) ?? throw Gone(queue, sequenceNumber);
        var concern = DeadLetterConcern.Of(letter);
        var concerned = Existing(concern, await LoadAsync(concern.RequestIds, cancellationToken));
        if (!DeadLetterAccess.CanSee(caller, concerned))
        {
            // As for a request of other authorities: not found, so its existence is not told either.
            throw Gone(queue, sequenceNumber);
        }

        var done = outcome == DeadLetterOutcomes.Replayed
            ? await transport.ReplayDeadLetterAsync(queue, sequenceNumber, cancellationToken)
            : await transport.DiscardDeadLetterAsync(queue, sequenceNumber, cancellationToken);
        if (!done)
        {
            // Another admin settled it between the read and now: nothing was done, nothing is recorded.
            throw Gone(queue, sequenceNumber);
        }
        watch.RecountSoon();
        LogSettled(outcome, queue, sequenceNumber, letter.MessageId, caller.UserId);

        var request = concerned.Count > 0 ? concerned[0] : null;
        if (request is not null)
        {
            await RecordAsync(caller, request, letter, concern, outcome, comment, cancellationToken);
        }
        return new DeadLetterSettlement(
            queue, sequenceNumber, outcome,
            outcome == DeadLetterOutcomes.Replayed ? DeadLetterReplay.MessageIdOf(letter.MessageId, sequenceNumber) : null,
            request?.Id);
    }

    // After the transport acted: a line for something that did not happen would be worse than the rare line missing,
    // which the log above still records.
    private async Task RecordAsync(
        Caller caller, AssistanceRequestState request, ReceivedMessage letter, DeadLetterConcern concern, string outcome, string? comment, CancellationToken cancellationToken)
    {
        var what = $"{letter.Subject} on {letter.Queue} ({letter.DeadLetterReason})";
        var change = new PartitionChange(request.Id);
        change.Events.Add(new AuditEvent(
            0, clock.GetUtcNow(), caller.UserId, caller.DisplayName,
            outcome == DeadLetterOutcomes.Replayed ? AuditActions.DeadLetterReplayed : AuditActions.DeadLetterDiscarded,
            comment is null ? what : $"{what}: {comment}",
            concern.StageIndex));
        try
        {
            await writer.CommitAsync(change, cancellationToken);
        }
        catch (Exception ex)
        {
            LogNotRecorded(ex, outcome, letter.Queue, letter.SequenceNumber, request.Id);
            throw;
        }
    }

    private static (long SequenceNumber, string? Comment) Validate(string queue, string sequenceNumberText, DeadLetterForm form)
    {
        var errors = new FieldErrors();
        if (!KnownQueues.Contains(queue, StringComparer.Ordinal))
        {
            errors.Add("queue", UnknownQueue);
        }
        if (!long.TryParse(sequenceNumberText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceNumber) || sequenceNumber < 1)
        {
            errors.Add("sequenceNumber", FieldError.BadFormat("42"));
        }
        var comment = string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment.Trim();
        if (comment?.Length > RequestDetailsValidator.MaxDescription)
        {
            errors.Add("comment", FieldError.TooLong(RequestDetailsValidator.MaxDescription));
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        return (sequenceNumber, comment);
    }

    private async Task<IReadOnlyDictionary<string, AssistanceRequestState>> LoadAsync(IEnumerable<string> requestIds, CancellationToken cancellationToken)
    {
        var loaded = await Task.WhenAll(requestIds.Distinct(StringComparer.Ordinal).Select(id => store.FindAsync(id, cancellationToken)));
        return loaded.OfType<LoadedRequest>().ToDictionary(l => l.Request.State.Id, l => l.Request.State, StringComparer.Ordinal);
    }

    private static List<AssistanceRequestState> Existing(DeadLetterConcern concern, IReadOnlyDictionary<string, AssistanceRequestState> requests) =>
        concern.RequestIds.Where(requests.ContainsKey).Select(id => requests[id]).ToList();

    private static DeadLetterView View(ReceivedMessage letter, DeadLetterConcern concern, IReadOnlyDictionary<string, AssistanceRequestState> requests, DateTimeOffset now)
    {
        var requestId = concern.RequestIds.Count > 0 ? concern.RequestIds[0] : null;
        return new DeadLetterView(
            letter.Queue, letter.SequenceNumber, letter.MessageId, letter.Subject, letter.DeadLetterReason, letter.DeadLetterDescription,
            letter.DeliveryCount, letter.EnqueuedTime, Math.Max(0, (long)(now - letter.EnqueuedTime).TotalSeconds),
            requestId, requestId is not null && requests.TryGetValue(requestId, out var request) ? request.Reference : null);
    }

    private static (string, long) Key(ReceivedMessage letter) => (letter.Queue, letter.SequenceNumber);

    private static NotFoundException Gone(string queue, long sequenceNumber) =>
        new($"No dead letter {sequenceNumber} on {queue} is visible to you: it may have been replayed or discarded already. Nothing was done.");

    private static readonly FieldError UnknownQueue = FieldError.NotOneOf(KnownQueues);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead letter {SequenceNumber} on {Queue} (message {MessageId}) {Outcome} by {UserId}")]
    private partial void LogSettled(string outcome, string queue, long sequenceNumber, string messageId, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead letter {SequenceNumber} on {Queue} was {Outcome} but the line on request {RequestId}'s timeline could not be written")]
    private partial void LogNotRecorded(Exception ex, string outcome, string queue, long sequenceNumber, string requestId);
}
