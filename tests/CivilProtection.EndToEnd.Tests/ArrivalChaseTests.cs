using System.Text.Json.Nodes;
using CivilProtection.Domain.Rosters;
using static CivilProtection.EndToEnd.Tests.DeploymentSteps;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Departed teams not reported on site an hour after their estimated arrival are chased, on the host's fake clock:
/// their team leader is paged first, then their authority's 24/7 contact point (seeded: Spain's duty officer on its
/// operations roster), and the leader's ARRIVED ends the chase.
/// </summary>
public sealed class ArrivalChaseTests : ExchangeWithTwilio
{
    private static readonly Person SpanishDuty = new("es-duty", "Lucía García", "+34600000001", "en", Spain, ["duty-officer"], []);

    [Fact]
    public async Task No_arrival_an_hour_after_the_estimate_pages_the_leader_then_the_contact_point_and_the_arrival_ends_it()
    {
        var (id, reference) = await OpenToAsync(Host, Spain);
        await CommitOneModuleAsync(Host, id, Spain, "es-coordinator", "es-approver");
        await LeaderAcceptsAsync(Host, Twilio, id, reference, Clock.GetUtcNow());
        Assert.Contains("departed\" recorded", await ReplyAsync(Host, Twilio, SpanishLeader, "DEPARTED +2h"), StringComparison.Ordinal);

        // Two hours for the estimate, one of grace: the leader is asked where the teams are.
        Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromSeconds(1));
        var chase = await SmsToAsync(Twilio, SpanishLeader, reference, "no arrival is reported");
        Assert.Contains("Reply ARRIVED once there", chase.Body, StringComparison.Ordinal);

        // Nobody acknowledges within a life-safety tier's five minutes: Spain's contact point on call is paged.
        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await SmsToAsync(Twilio, SpanishDuty, reference, "no arrival is reported");

        // The leader reports the arrival: the chase ends, on the timeline.
        Assert.Contains("arrived on site", await ReplyAsync(Host, Twilio, SpanishLeader, "ARRIVED"), StringComparison.Ordinal);
        var view = await Steps.WaitForAsync(id, "es-coordinator", v =>
            v["notices"]!.AsArray().OfType<JsonObject>().FirstOrDefault(n => (string)n["kind"]! == "arrival-overdue" && (string)n["status"]! == "resolved") is { } ? v : null);
        var notice = view["notices"]!.AsArray().OfType<JsonObject>().Single(n => (string)n["kind"]! == "arrival-overdue");
        Assert.Equal([SpanishLeader.PersonId, SpanishDuty.PersonId], notice["attempts"]!.AsArray().Select(a => (string)a!["personId"]!));
        Assert.Contains(view["timeline"]!.AsArray(), e => (string)e!["action"]! == "deployment-arrival-overdue");
        Assert.Empty(Twilio.Violations);
    }
}
