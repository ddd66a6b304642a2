using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Statistics;

public static class StatisticsServices
{
    /// <summary>The network's, each hotline's, each police unit's and INTERPOL's figures (read-only: no tables of its own).</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services) =>
        services.AddScoped<StatisticsQueries>().AddScoped<RouteOutcomeQueries>().AddScoped<LawEnforcementStatistics>().AddScoped<ReferralStatistics>()
            .AddScoped<PublicReportStatistics>();
}
