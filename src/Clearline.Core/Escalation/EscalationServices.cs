using Clearline.Classification;
using Clearline.Events;
using Clearline.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Escalation;

public static class EscalationServices
{
    /// <summary>INTERPOL's victim identification queue, and what opens it: new material and possible-new-victim referrals.</summary>
    public static IServiceCollection AddEscalation(this IServiceCollection services)
    {
        services.AddScoped<Escalations>();
        services.AddObserver<ItemClassified, EscalationObserver>();
        services.AddObserver<ReferralCreated, EscalationObserver>();
        return services;
    }
}
