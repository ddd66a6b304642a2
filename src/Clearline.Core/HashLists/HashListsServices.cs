using Clearline.Events;
using Clearline.HashLists.Export;
using Clearline.HashLists.Import;
using Clearline.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.HashLists;

public static class HashListsServices
{
    /// <summary>Hash lists: their entries, imports and exports.</summary>
    public static IServiceCollection AddHashLists(this IServiceCollection services)
    {
        services.AddEvents();
        services.AddScoped<HashListStore>();
        services.AddHashListImports();
        services.AddScoped<HashListDirectory>();
        services.AddScoped<HashListApprovals>();
        services.AddScoped<MatchReviews>();
        services.AddScoped<ClassificationExport>();
        return services;
    }
}
