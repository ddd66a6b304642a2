using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Audit;

public static class AuditServices
{
    /// <summary>
    /// Registers <see cref="AuditTrail"/>, <see cref="AuditVerifier"/> and <see cref="AuditQueries"/> (scoped, on the
    /// scoped database context), <see cref="AuditSealer"/> (needs the key ring of <c>AddMediaStore()</c>) and this
    /// process's <see cref="AuditAppendQueue"/>.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditSealer>();
        services.TryAddSingleton<AuditAppendQueue>();
        services.TryAddScoped<AuditTrail>();
        services.TryAddScoped<AuditVerifier>();
        services.TryAddScoped<AuditQueries>();
        services.TryAddScoped<TeamExposure>();
        return services;
    }
}
