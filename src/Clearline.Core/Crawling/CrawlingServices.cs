using Clearline.Crawling.Extraction;
using Clearline.Crawling.Fetching;
using Clearline.Events;
using Clearline.Hosting;
using Clearline.Jobs;
using Clearline.Reports;
using Clearline.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Crawling;

public static class CrawlingServices
{
    /// <summary>Report intake, the crawler and its jobs, the hosting trace and re-checks.</summary>
    public static IServiceCollection AddCrawling(this IServiceCollection services)
    {
        services.AddEvents();
        services.AddFetcher();
        services.AddExtraction();
        services.AddHostingTrace();
        services.TryAddSingleton(new MediaHasher(new MediaHashOptions { Dihedral = true }));
        services.AddTelemetry();
        services.AddSingleton<CrawlAnalyser>();
        services.AddScoped<CrawlRecorder>();
        services.AddScoped<CrawlRunner>();
        services.AddScoped<ReportLogins>();
        services.AddScoped<ReportIntake>();
        services.AddScoped<Rechecks>();
        services.AddJobHandler<CrawlJobHandler, CrawlJob>(CrawlJob.Kind);
        services.AddJobHandler<RecheckJobHandler, RecheckJob>(RecheckJob.Kind);
        return services;
    }
}
