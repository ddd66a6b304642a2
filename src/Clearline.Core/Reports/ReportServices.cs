using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Reports;

public static class ReportServices
{
    /// <summary>Registers its options, de-duplication, the read side with stages (<see cref="ReportQueries"/>), context editing, the credential vault and CSV batches (<see cref="ReportIntake"/> comes with crawling).</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSectionOptions<ReportOptions>();
        services.AddScoped<ReportOrigins>();
        services.AddScoped<ReportStageQueries>();
        services.AddScoped<ReportContexts>();
        services.AddScoped<ReportTriageChanges>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<ReportCredentialVault>();
        services.AddScoped<ReportBatch>();
        return services;
    }
}
