using Clearline.Events;
using Clearline.Takedown;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Referrals;

public static class ReferralServices
{
    /// <summary>Referrals: made from a hotline's ReportedToLea action, worked by the police unit, discussed by both.</summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddObserver<TakedownActionRecorded, ReferralCreation>();
        services.AddScoped<ReferralWork>();
        services.AddScoped<ReferralQueries>();
        return services;
    }
}
