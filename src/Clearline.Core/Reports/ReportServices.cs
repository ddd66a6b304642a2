using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Reports;

public static class ReportServices
{
    /// <summary>Registers de-duplication, the read side (<see cref="ReportQueries"/>), the credential vault and CSV batches (<see cref="ReportIntake"/> comes with crawling).</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportOrigins>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<ReportCredentialVault>();
        services.AddScoped<ReportBatch>();
        return services;
    }
}
