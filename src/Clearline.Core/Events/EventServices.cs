using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Events;

public static class EventServices
{
    /// <summary>The announcer; each feature registers its own observers.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.TryAddScoped<EventAnnouncer>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TObserver"/> (scoped, shared with any other event it observes) to react to
    /// <typeparamref name="TEvent"/>.
    /// </summary>
    public static IServiceCollection AddObserver<TEvent, TObserver>(this IServiceCollection services)
        where TEvent : notnull
        where TObserver : class, IEventObserver<TEvent>
    {
        services.AddEvents();
        services.TryAddScoped<TObserver>();
        services.AddScoped<IEventObserver<TEvent>>(sp => sp.GetRequiredService<TObserver>());
        return services;
    }
}
