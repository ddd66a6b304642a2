using Clearline.Configuration;
using Clearline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.HashLists.Import;

public static class HashListImportServices
{
    /// <summary>Imports of hash-list files: the service that starts them, the importer and its job.</summary>
    public static IServiceCollection AddHashListImports(this IServiceCollection services)
    {
        services.AddSectionOptions<HashListImportOptions>();
        services.AddScoped<HashListImports>();
        services.AddScoped<HashListImporter>();
        services.AddJobHandler<HashListImportJobHandler, HashListImportJob>(HashListImportJob.Kind);
        return services;
    }
}
