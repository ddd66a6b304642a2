using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.PublicReporting;

public static class PublicReportingServices
{
    /// <summary>Registers its options, the intake, the sealed contact, the status page's query, and triage (its queue and decisions).</summary>
    public static IServiceCollection AddPublicReporting(this IServiceCollection services)
    {
        services.AddSectionOptions<PublicReportingOptions>();
        services.AddScoped<PublicReportIntake>();
        services.AddScoped<PublicContact>();
        services.AddScoped<PublicReportStatuses>();
        services.AddScoped<TriageQueue>();
        services.AddScoped<TriageDecisions>();
        return services;
    }
}
