using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Exchange.Hma;

public static class HmaServices
{
    /// <summary>HMA-compatible lookups and exports; they need the hash lists and the matcher (<c>AddHashLists</c>, <c>AddMatching</c>).</summary>
    public static IServiceCollection AddHma(this IServiceCollection services)
    {
        services.AddScoped<HmaBanks>();
        services.AddScoped<HmaMatching>();
        services.AddScoped<HmaLocalFileExport>();
        return services;
    }
}
