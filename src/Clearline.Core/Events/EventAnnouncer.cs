using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Events;

/// <summary>
/// Tells every <see cref="IEventObserver{TEvent}"/> registered for an event, in registration order, in process and
/// in the caller's scope. The announcing feature knows nothing of who reacts, so the features downstream depend on
/// the one upstream and never the other way round.
/// </summary>
/// <remarks>
/// The caller announces inside its unit of work, before it saves and commits, so the reactions commit with the
/// cause. An observer that throws fails the announcer's use case: the cause is not committed without its reactions.
/// </remarks>
public sealed class EventAnnouncer(IServiceProvider services)
{
    public async Task AnnounceAsync<TEvent>(TEvent happened, CancellationToken ct)
        where TEvent : notnull
    {
        foreach (var observer in services.GetServices<IEventObserver<TEvent>>())
        {
            await observer.OnAsync(happened, ct);
        }
    }
}
