using Clearline.Escalation;
using Clearline.Events;
using Clearline.InvestigationHolds;
using Clearline.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Deconfliction;

public static class DeconflictionServices
{
    /// <summary>Interests in items (registered from the portals' events and by hand) and the overlaps between organisations.</summary>
    public static IServiceCollection AddDeconfliction(this IServiceCollection services)
    {
        services.AddScoped<Interests>();
        services.AddScoped<Overlaps>();
        services.AddObserver<ReferralAccepted, InterestObservers>();
        services.AddObserver<InvestigationHoldPlaced, InterestObservers>();
        services.AddObserver<EscalationTaken, InterestObservers>();
        return services;
    }
}
