using Clearline.Jobs;
using Clearline.Takedown;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.InvestigationHolds;

public static class InvestigationHoldsServices
{
    /// <summary>Investigation holds, the gate that refuses notices to the host while one is active, and the expiry job (<c>investigation-hold-expiry</c>).</summary>
    public static IServiceCollection AddInvestigationHolds(this IServiceCollection services)
    {
        services.AddScoped<InvestigationHoldActions>();
        services.AddScoped<RouteHoldNotices>();
        services.AddScoped<InvestigationHoldExpiry>();
        services.AddScoped<ITakedownActionGate, InvestigationHoldGate>();
        services.AddJobHandler<InvestigationHoldExpiryJobHandler, InvestigationHoldExpiryJob>(InvestigationHoldExpiryJob.Kind);
        return services;
    }
}
