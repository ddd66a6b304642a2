using Clearline.Configuration;
using Clearline.Crawling;
using Clearline.Events;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Videos;

public static class VideoServices
{
    /// <summary>vPDQ for every stored video: the pending row and the job at storing, the hashing, the recorded outcome.</summary>
    public static IServiceCollection AddVideos(this IServiceCollection services)
    {
        services.AddSectionOptions<VideoOptions>();
        services.AddScoped<VideoHasher>();
        services.AddScoped<VideoBackfill>();
        services.AddJobHandler<HashVideoJobHandler, HashVideoJob>(HashVideoJob.Kind);
        services.AddObserver<MediaStored, QueueStoredVideos>();
        return services;
    }
}
