using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.PublicReporting;

public static class PublicReportingServices
{
    /// <summary>Registers its options, the intake, the sealed contact and the status page's query.</summary>
    public static IServiceCollection AddPublicReporting(this IServiceCollection services)
    {
        services.AddSectionOptions<PublicReportingOptions>();
        services.AddScoped<PublicReportIntake>();
        services.AddScoped<PublicContact>();
        services.AddScoped<PublicReportStatuses>();
        return services;
    }
}
