using Clearline.Configuration;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Exchange.Federation;

public static class FederationServices
{
    /// <summary>The published feed and subscriptions to other instances' feeds (job <c>federation-sync</c>). Needs hash lists, jobs and the signing key.</summary>
    public static IServiceCollection AddFederation(this IServiceCollection services)
    {
        services.AddSectionOptions<FederationOptions>();
        services.AddHttpClient(FeedClient.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<FeedClient>();
        services.AddScoped<FederationFeed>();
        services.AddScoped<FederationSecrets>();
        services.AddScoped<FederationSchedule>();
        services.AddScoped<FederationSubscriptions>();
        services.AddScoped<FederationSync>();
        services.AddJobHandler<FederationSyncJobHandler, FederationSyncJob>(FederationSyncJob.Kind);
        return services;
    }
}
