using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Clearline.Hosting;

public static class HostingServices
{
    /// <summary>
    /// Registers the <see cref="HostingTracer"/> singleton (opened at start, so the log says which databases are in
    /// use), its <c>Hosting</c> options (databases checked at start), reverse DNS through the system resolver unless
    /// another <see cref="IReverseDnsResolver"/> is registered, and the <see cref="CountryDatabaseUpdater"/>.
    /// </summary>
    public static IServiceCollection AddHostingTrace(this IServiceCollection services)
    {
        services.AddSectionOptions<HostingOptions>();
        services.TryAddSingleton<IReverseDnsResolver, SystemReverseDnsResolver>();
        services.TryAddSingleton<HostingTracer>();
        services.TryAddSingleton<CountryDatabaseUpdater>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HostingDatabasesAtStart>());
        return services;
    }
}

/// <summary>
/// Opens the hosting databases when a host starts (<c>serve</c>, <c>worker</c>) rather than at the first crawl, so
/// the start-up log says which country database is in use and how old it is, and a bad file stops the start.
/// </summary>
internal sealed class HostingDatabasesAtStart(HostingTracer tracer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(tracer);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
