using Microsoft.Extensions.DependencyInjection;

namespace Clearline.LawEnforcement;

public static class LawEnforcementServices
{
    /// <summary>What the police and INTERPOL portals share: who may see which item (<see cref="PortalAccess"/>) and its exposure.</summary>
    public static IServiceCollection AddLawEnforcement(this IServiceCollection services)
    {
        services.AddScoped<PortalAccess>();
        services.AddScoped<PortalContent>();
        services.AddScoped<PoliceContent>();
        return services;
    }
}
