using Clearline.Events;
using Clearline.HashLists;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Icse;

public static class IcseServices
{
    /// <summary>INTERPOL's hand-off to ICSE: the queue, the batches, and the marking of items ICSE's answer holds.</summary>
    public static IServiceCollection AddIcse(this IServiceCollection services)
    {
        services.AddScoped<IcseQueue>();
        services.AddScoped<IcseBatches>();
        services.AddObserver<HashListChanged, IcseMarking>();
        return services;
    }
}
