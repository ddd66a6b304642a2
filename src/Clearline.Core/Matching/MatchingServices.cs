using Clearline.Configuration;
using Clearline.Crawling;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.Jobs;
using Clearline.Telemetry;
using Clearline.Videos;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Matching;

public static class MatchingServices
{
    /// <summary>Matching against known material: the process's PDQ index, lookups, and matching at ingest.</summary>
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddSectionOptions<MatchingOptions>();
        services.AddTelemetry();
        services.AddSingleton<KnownPdqIndex>();
        services.AddSingleton<KnownVideoIndex>();
        services.AddScoped<KnownMaterialMatcher>();
        services.AddScoped<MediaMatcher>();
        services.AddScoped<HashChecker>();
        services.AddJobHandler<MatchMediaJobHandler, MatchMediaJob>(MatchMediaJob.Kind);
        services.AddJobHandler<RematchJobHandler, RematchJob>(RematchJob.Kind);
        services.AddObserver<MediaStored, MatchStoredMedia>();
        services.AddObserver<HashListChanged, RematchOnListChange>();
        services.AddObserver<VideoHashed, MatchHashedVideo>();
        return services;
    }
}
