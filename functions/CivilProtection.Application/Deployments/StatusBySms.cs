using CivilProtection.Application.Sms;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// Status reports by SMS (<c>DEPART +3h</c>, <c>ARRIVE</c>, <c>RETOUR</c>, <c>وصلنا</c>): from a responder who
/// accepted a mission, applied to that mission's deployment of their authority, once per message (through
/// <see cref="ReplyOnce"/>, like every reply).
/// </summary>
public sealed class StatusBySms(IReplyIndex replies, DeploymentDesk desk, Directory.IDirectory directory, TimeProvider clock)
{
    /// <summary>The missions the number was asked for, newest first: the report applies to the first it fits.</summary>
    public async Task<IReadOnlyList<ReplyTarget>> TargetsAsync(string from, CancellationToken cancellationToken) =>
        (await replies.ListMissionsAsync(from, cancellationToken)).Select(o => new ReplyTarget(o.RequestId, null)).ToList();

    /// <summary>What the report did: recorded on the first mission it applies to; else refused where it cannot follow; else not understood.</summary>
    public async Task<ReplyEffect> ApplyAsync(
        Person person, StatusKeyword keyword, string messageSid, IReadOnlyList<ReplyTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            return ReplyEffect.NotUnderstood;
        }
        var arrival = keyword.Status == DeploymentStatus.Departed
            ? ArrivalEstimates.Parse(keyword.Comment, clock.GetUtcNow(), (await directory.FindAuthorityAsync(person.AuthorityId, cancellationToken))?.TimeZone ?? "UTC")
            : null;
        var report = new DeploymentReport(keyword.Status, null, keyword.Comment, arrival);
        ReplyEffect? refused = null;
        foreach (var target in targets)
        {
            var effect = await desk.ReportBySmsAsync(person, target.RequestId, report, messageSid, cancellationToken);
            if (effect?.Outcome == ReplyOutcome.StatusReported)
            {
                return effect;
            }
            refused ??= effect;
        }
        return refused ?? ReplyEffect.NotUnderstood;
    }
}
