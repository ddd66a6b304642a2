using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Audit;

public static class AuditServices
{
    /// <summary>Registers <see cref="AuditTrail"/> and <see cref="AuditVerifier"/> (scoped, on the scoped database context).</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditTrail>();
        services.TryAddScoped<AuditVerifier>();
        return services;
    }
}
