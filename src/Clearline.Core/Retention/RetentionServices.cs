using Clearline.Configuration;
using Clearline.Jobs;
using Clearline.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Retention;

public static class RetentionServices
{
    /// <summary>Retention rules, the daily run (job <c>retention-run</c>), legal holds. Needs the media store, reports and jobs.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSectionOptions<RetentionOptions>();
        services.TryAddScoped<ReporterData>();
        services.AddScoped<RetentionCandidates>();
        services.AddScoped<RetentionRun>();
        services.AddScoped<RetentionSchedule>();
        services.AddScoped<LegalHolds>();
        services.AddJobHandler<RetentionJobHandler, RetentionJob>(RetentionJob.Kind);
        return services;
    }
}
