using Clearline.Configuration;
using Clearline.Events;
using Clearline.HashLists;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Classification;

public static class ClassificationServices
{
    /// <summary>
    /// Analysts' decisions, the network's own list they feed, the queues of what is left to assess and of items
    /// awaiting a second opinion, and the analysts' wellbeing counters.
    /// </summary>
    public static IServiceCollection AddClassification(this IServiceCollection services)
    {
        services.AddSectionOptions<WellbeingOptions>();
        services.AddScoped<FoundItems>();
        services.AddScoped<Classifier>();
        services.AddScoped<NetworkClassificationList>();
        services.AddScoped<AssessmentQueue>();
        services.AddScoped<SecondOpinions>();
        services.AddScoped<ClassificationHistory>();
        services.AddScoped<Wellbeing>();
        services.AddScoped<KnownMaterialDecisions>();
        services.AddObserver<KnownHashTombstoned, KnownMaterialDecisions>();
        return services;
    }
}
