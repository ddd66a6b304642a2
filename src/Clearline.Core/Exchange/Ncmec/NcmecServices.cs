using Clearline.Configuration;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Exchange.Ncmec;

public static class NcmecServices
{
    /// <summary>NCMEC's Hash Sharing API: sources of hash lists, their scheduled pulls, and negative feedback.</summary>
    public static IServiceCollection AddNcmecExchange(this IServiceCollection services)
    {
        services.AddSectionOptions<NcmecOptions>();
        services.AddHttpClient(NcmecClient.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddScoped<NcmecClient>();
        services.AddScoped<NcmecCredentialVault>();
        services.AddScoped<NcmecSources>();
        services.AddScoped<NcmecPageApplier>();
        services.AddScoped<NcmecPuller>();
        services.AddJobHandler<NcmecPullJobHandler, NcmecPullJob>(NcmecPullJob.Kind);
        services.AddJobHandler<NcmecFeedbackJobHandler, NcmecFeedbackJob>(NcmecFeedbackJob.Kind);
        services.AddObserver<MatchReviewed, NcmecFeedbackObserver>();
        return services;
    }
}
