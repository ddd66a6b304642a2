using Clearline.Configuration;
using Clearline.Events;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.PublicReporting;

public static class PublicReportingServices
{
    /// <summary>
    /// Registers its options, the intake, the sealed contact, the status page's query, triage (its queue and decisions),
    /// the retention of reporter data and the feedback e-mail.
    /// </summary>
    public static IServiceCollection AddPublicReporting(this IServiceCollection services)
    {
        services.AddSectionOptions<PublicReportingOptions>();
        services.AddScoped<PublicReportIntake>();
        services.AddScoped<PublicContact>();
        services.AddScoped<PublicReportStatuses>();
        services.AddScoped<TriageQueue>();
        services.AddScoped<TriageDecisions>();
        services.AddScoped<PublicReporterData>();
        services.AddJobHandler<PublicReportFeedbackHandler, PublicReportFeedbackJob>(PublicReportFeedbackJob.Kind);
        services.AddObserver<PublicReportUrlDecided, PublicReportFeedbackObserver>();
        return services;
    }
}
