using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Tests.Requests;
using static CivilProtection.Domain.Tests.Offers.Exchange;

namespace CivilProtection.Domain.Tests.Deployments;

/// <summary>A deployment the tests start from: France's accepted offer of two, mobilising eight people.</summary>
internal static class Deployed
{
    public static readonly DateTimeOffset Now = Given.LaterStill.AddHours(1);

    public static Deployment Mobilised()
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 2));
        request.DecideOffer(offerId, [new LineAcceptance(0, 2)], Given.DutyOfficer, Given.LaterStill, reason: null);
        return Deployment.Mobilise(request.State, France, 8, FrenchCoordinator, Now);
    }
}
