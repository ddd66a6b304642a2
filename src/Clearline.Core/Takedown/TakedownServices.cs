using Clearline.Configuration;
using Clearline.Crawling;
using Clearline.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Takedown;

public static class TakedownServices
{
    /// <summary>Actions on content URLs, removal re-checks after a notice, and the takedown queues.</summary>
    public static IServiceCollection AddTakedown(this IServiceCollection services)
    {
        services.AddSectionOptions<TakedownOptions>();
        services.AddObserver<RecheckCompleted, RemovalRechecks>();
        services.AddScoped<TakedownActions>();
        services.AddScoped<TakedownBatch>();
        services.AddScoped<TakedownQueries>();
        services.AddScoped<RouteRows>();
        services.AddScoped<RouteRechecks>();
        return services;
    }
}
