using Clearline.Configuration;
using Clearline.Events;
using Clearline.Jobs;
using Clearline.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.AbuseContacts;

public static class AbuseContactsServices
{
    /// <summary>Abuse contact lookup by RDAP (<see cref="RdapOptions"/>): queued when a route opens, cached per address and domain.</summary>
    public static IServiceCollection AddAbuseContacts(this IServiceCollection services)
    {
        services.AddSectionOptions<RdapOptions>();
        services.AddHttpClient(RdapHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<RdapHttp>();
        services.AddSingleton<RdapBootstrap>();
        services.AddScoped<AbuseContactLookups>();
        services.AddScoped<AbuseContactQueries>();
        services.AddJobHandler<AbuseContactLookupJobHandler, AbuseContactLookupJob>(AbuseContactLookupJob.Kind);
        services.AddObserver<RouteOpened, LookUpOpenedRoutes>();
        return services;
    }
}
