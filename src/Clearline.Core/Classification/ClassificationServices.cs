using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Classification;

public static class ClassificationServices
{
    /// <summary>Analysts' decisions, the network's own list they feed, and the queue of what is left to assess.</summary>
    public static IServiceCollection AddClassification(this IServiceCollection services)
    {
        services.AddScoped<Classifier>();
        services.AddScoped<NetworkClassificationList>();
        services.AddScoped<AssessmentQueue>();
        return services;
    }
}
