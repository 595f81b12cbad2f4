using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Domain.Tests.Notices;

/// <summary>When a notice's pages also ring: a life-safety notice from the policy's round, nothing else ever.</summary>
public sealed class NoticeRingingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<OnCallTier> TwoTiers = [new OnCallTier(1, ["p1"]), new OnCallTier(2, ["p2", "p3"])];

    private static List<NoticePage> PagesOfEachStep(Urgency urgency, EscalationPolicy policy)
    {
        var notice = Notice.Open("n", "r", NoticeKind.StageApproval, 0, "MA-DGPC", "validation", "1234", TwoTiers, urgency, policy, Now, n => $"sms-{n}");
        var pages = notice.Pages.ToList();
        for (var step = 1; notice.State.Status == NoticeStatus.Open; step++)
        {
            var next = Notice.Restore(notice.State);
            Assert.True(next.Escalate(step, TwoTiers, urgency, policy, Now, n => $"sms-{n}", reason: null));
            pages.AddRange(next.Pages);
            notice = next;
        }
        return pages;
    }

    [Fact]
    public void A_life_safety_notice_rings_every_page_of_the_second_round_and_none_of_the_first()
    {
        var pages = PagesOfEachStep(Urgency.LifeSafety, EscalationPolicy.Default);

        // Round 1: tier 1 (step 1), tier 2 (step 2); round 2: steps 3 and 4; then the admins.
        Assert.Equal([false, false, false, true, true, true, false], pages.Select(p => p.Ring));
        Assert.Equal([1, 2, 2, 3, 4, 4, 5], pages.Select(p => p.Step));
        Assert.Null(pages[^1].PersonId);
    }

    [Theory]
    [InlineData(Urgency.Urgent)]
    [InlineData(Urgency.Routine)]
    public void Other_urgencies_never_ring(Urgency urgency)
    {
        Assert.DoesNotContain(PagesOfEachStep(urgency, EscalationPolicy.Default), p => p.Ring);
    }

    [Fact]
    public void The_policy_can_ring_from_the_first_page_or_never()
    {
        Assert.All(PagesOfEachStep(Urgency.LifeSafety, EscalationPolicy.Default with { LifeSafetyCallFromRound = 1 }).Where(p => p.PersonId is not null), p => Assert.True(p.Ring));
        Assert.DoesNotContain(PagesOfEachStep(Urgency.LifeSafety, EscalationPolicy.Default with { LifeSafetyCallFromRound = 0 }), p => p.Ring);
    }
}
