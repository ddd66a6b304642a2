using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Hosting;

public static class HostingServices
{
    /// <summary>
    /// Registers the <see cref="HostingTracer"/> singleton, its <c>Hosting</c> options (databases checked at start)
    /// and reverse DNS through the system resolver unless another <see cref="IReverseDnsResolver"/> is registered.
    /// </summary>
    public static IServiceCollection AddHostingTrace(this IServiceCollection services)
    {
        services.AddSectionOptions<HostingOptions>();
        services.TryAddSingleton<IReverseDnsResolver, SystemReverseDnsResolver>();
        services.TryAddSingleton<HostingTracer>();
        return services;
    }
}
