using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Offers;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>An amendment records what it changed, field by field, so each partner sees it on the timeline.</summary>
public sealed class RequestDetailsChangesTests
{
    [Fact]
    public void Each_changed_field_is_named_by_its_form_path_and_an_added_line_by_its_position()
    {
        var before = Given.Details();
        var after = before with
        {
            Incident = before.Incident with { Title = before.Incident.Title + " (aggravation)" },
            NeededBy = before.NeededBy.AddHours(-2),
            Capabilities = [before.Capabilities[0] with { Quantity = before.Capabilities[0].Quantity + 1 }, .. before.Capabilities.Skip(1), new RequestedCapability("WP", 1, null)],
        };

        Assert.Equal(["incident.title", "neededBy", "capabilities[0].quantity", $"capabilities[{before.Capabilities.Count}]"],
            RequestDetailsChanges.Between(before, after));
        Assert.Empty(RequestDetailsChanges.Between(before, before with { }));
    }

    [Fact]
    public void The_amended_event_carries_its_changes_and_other_events_none()
    {
        var (request, _) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2));
        var loaded = Given.Loaded(request);

        loaded.Amend(Given.DutyOfficer, Given.LaterStill, Given.Details() with { Urgency = Urgency.LifeSafety }, "Des vies en jeu.");

        var amended = Assert.Single(loaded.NewEvents, e => e.Action == AuditActions.Amended);
        Assert.Equal(["urgency"], amended.Changes);
        Assert.All(loaded.NewEvents.Where(e => e.Action != AuditActions.Amended), e => Assert.Null(e.Changes));
    }
}
