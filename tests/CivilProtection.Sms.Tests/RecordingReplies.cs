using System.Collections.Concurrent;
using CivilProtection.Application.Sms;

namespace CivilProtection.Sms.Tests;

/// <summary>An <see cref="ISmsReplies"/> that records what the webhooks hand it and answers a set text.</summary>
public sealed class RecordingReplies : ISmsReplies
{
    private readonly ConcurrentQueue<InboundSms> _replies = new();
    private readonly ConcurrentQueue<SmsStatusReport> _statuses = new();

    /// <summary>What <see cref="HandleReplyAsync"/> answers; null for no answer.</summary>
    public string? Answer { get; set; } = "Merci.";

    public IReadOnlyList<InboundSms> Replies => [.. _replies];

    public IReadOnlyList<SmsStatusReport> Statuses => [.. _statuses];

    public bool WasCalled => !_replies.IsEmpty || !_statuses.IsEmpty;

    public Task<string?> HandleReplyAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        _replies.Enqueue(sms);
        return Task.FromResult(Answer);
    }

    public Task HandleStatusAsync(SmsStatusReport report, CancellationToken cancellationToken)
    {
        _statuses.Enqueue(report);
        return Task.CompletedTask;
    }

    /// <summary>Waits until a status report has arrived (the sandbox posts them in the background).</summary>
    public async Task<SmsStatusReport> StatusAsync(string smsId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            if (_statuses.FirstOrDefault(s => s.SmsId == smsId) is { } report)
            {
                return report;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No status report for {smsId} arrived.");
    }
}
