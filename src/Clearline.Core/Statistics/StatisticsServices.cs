using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Statistics;

public static class StatisticsServices
{
    /// <summary>The network's and each hotline's figures (read-only: no tables of its own).</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services.AddScoped<StatisticsQueries>().AddScoped<ReferralStatistics>();
}
