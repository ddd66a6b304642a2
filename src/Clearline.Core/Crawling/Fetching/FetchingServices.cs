using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Crawling.Fetching;

public static class FetchingServices
{
    /// <summary>
    /// Registers the crawler's <see cref="Fetcher"/> (a singleton owning the concurrency limits), its options
    /// (section <c>Crawler</c>) and the system DNS resolver unless another <see cref="IHostResolver"/> is registered.
    /// </summary>
    public static IServiceCollection AddFetcher(this IServiceCollection services)
    {
        services.AddSectionOptions<CrawlerOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        services.TryAddSingleton<Fetcher>();
        return services;
    }
}
