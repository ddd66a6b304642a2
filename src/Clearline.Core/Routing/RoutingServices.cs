using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Events;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Routing;

public static class RoutingServices
{
    /// <summary>Routing content URLs to hotlines (not ASP.NET Core's <c>AddRouting</c>, hence the name): designations, orphan mandates, the route-crawl job and the queues.</summary>
    public static IServiceCollection AddContentRouting(this IServiceCollection services)
    {
        services.AddScoped<RouteViewers>();
        services.AddScoped<HotlineDesignations>();
        services.AddScoped<OrphanMandates>();
        services.AddScoped<ContentRouting>();
        services.AddScoped<RouteQueries>();
        services.AddScoped<IllegalContentRouting>();
        services.AddScoped<WebsiteDecisions>();
        services.AddJobHandler<RouteCrawlJobHandler, RouteCrawlJob>(RouteCrawlJob.Kind);
        services.AddJobHandler<RouteItemJobHandler, RouteItemJob>(RouteItemJob.Kind);
        services.AddObserver<CrawlCompleted, RouteCompletedCrawls>();
        services.AddObserver<ItemDecisionChanged, RouteDecidedItems>();
        return services;
    }
}
