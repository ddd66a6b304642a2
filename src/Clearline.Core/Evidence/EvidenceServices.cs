using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Evidence;

public static class EvidenceServices
{
    /// <summary>
    /// Registers the instance signing key (<see cref="InstanceSigningKey"/>, reused by anything Clearline signs) and the
    /// evidence packages of the police portal. Needs <c>AddMediaStore()</c>, <c>AddAuditTrail()</c> and <c>AddLawEnforcement()</c>.
    /// </summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddSectionOptions<SigningKeyOptions>();
        services.AddSingleton<InstanceSigningKey>();
        services.AddScoped<EvidencePackageWriter>();
        services.AddScoped<EvidencePackages>();
        return services;
    }
}
