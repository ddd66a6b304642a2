namespace Clearline.Events;

/// <summary>
/// Reacts to <typeparamref name="TEvent"/>, something another feature announces has happened (a crawl completed,
/// media were stored, a hash list changed). Register it with <see cref="EventServices.AddObserver{TEvent, TObserver}"/>
/// in the reacting feature's services.
/// </summary>
/// <remarks>
/// The observer runs in the announcer's scope and unit of work, before it saves: what it adds to the context (most
/// often a durable job) is committed with the cause or not at all. So it should do little: write its own feature's
/// rows or enqueue the job that does the rest later, never another feature's rows.
/// </remarks>
public interface IEventObserver<in TEvent>
    where TEvent : notnull
{
    Task OnAsync(TEvent happened, CancellationToken ct);
}
