using Clearline.Crawling;
using Clearline.Routing;

namespace Clearline.Takedown;

/// <summary>
/// One takedown action, or one re-check, for several content URLs on the same host at once: a notice to a host
/// about four pictures is one notice, recorded on the four routes together.
/// </summary>
/// <remarks>
/// <para>Each route goes through <see cref="TakedownActions"/> exactly as when acted on alone (who may act, closed
/// takedowns, re-check scheduling, one audit entry per route), all in one unit of work: the batch is recorded for
/// every route or for none, and an error names the content URL it concerns.</para>
/// <para>The routes must be on one host (the URL's host name): an action covers what one host was told; a mixed
/// choice is refused naming the hosts. A Moved action is not batched: its new hosting is each route's own.</para>
/// </remarks>
public sealed class TakedownBatch(TakedownActions actions, RouteRows rows, UnitOfWork work)
{
    /// <summary>The most routes one batch covers (a page of the routes screen).</summary>
    public const int MaxRoutes = 100;

    /// <summary>Records <paramref name="action"/> on every route of <paramref name="routeIds"/>, or on none.</summary>
    public async Task<Result<IReadOnlyList<TakedownAction>>> RecordAsync(
        RouteViewer caller, IReadOnlyList<Guid> routeIds, NewAction action, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Kind == TakedownActionKind.Moved)
        {
            return new InvalidError("kind", "Content that moved is recorded route by route, with its new hosting.");
        }

        return await ForEachAsync(caller, routeIds, (id, ct) => actions.RecordAsync(caller, id, action, actor, ct), ct);
    }

    /// <summary>Re-checks every route of <paramref name="routeIds"/> now (each must await removal after a notice), or none.</summary>
    public Task<Result<IReadOnlyList<Recheck>>> RecheckNowAsync(RouteViewer caller, IReadOnlyList<Guid> routeIds, AuditActor actor, CancellationToken ct) =>
        ForEachAsync(caller, routeIds, (id, ct) => actions.RecheckNowAsync(caller, id, actor, ct), ct);

    private async Task<Result<IReadOnlyList<T>>> ForEachAsync<T>(
        RouteViewer caller, IReadOnlyList<Guid> routeIds, Func<Guid, CancellationToken, Task<Result<T>>> act, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(routeIds);
        var ids = routeIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new InvalidError("routeIds", "Choose at least one content URL.");
        }

        if (ids.Count > MaxRoutes)
        {
            return new InvalidError("routeIds", $"Choose at most {MaxRoutes} content URLs at once.");
        }

        var found = await rows.ForAsync(caller, ids, ct);
        if (found.Count != ids.Count)
        {
            return new NotFoundError("No such route.");
        }

        var hosts = found.Select(r => Host(r.Url)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (hosts.Count > 1)
        {
            return new InvalidError("routeIds",
                $"The content chosen is on {hosts.Count} hosts ({string.Join(", ", hosts.Order(StringComparer.OrdinalIgnoreCase))}); one action covers one host. Choose content on one host.");
        }

        var done = new List<T>(found.Count);
        await using var transaction = await work.BeginAsync(ct);
        foreach (var route in found)
        {
            var result = await act(route.Id, ct);
            if (!result.IsSuccess)
            {
                // Disposed without committing: nothing of the batch stays.
                return About(route.Url, result.Error);
            }

            done.Add(result.Value);
        }

        await transaction.CommitAsync(ct);
        return done;
    }

    /// <summary>The host name a URL's content is on; the URL itself when it has none (so it matches only itself).</summary>
    public static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IdnHost.Length > 0 ? uri.IdnHost : url;

    /// <summary>The same error, saying which content URL it concerns.</summary>
    private static Error About(string url, Error error) => error switch
    {
        InvalidError invalid => new InvalidError(invalid.Field, $"{url}: {invalid.Message}"),
        NotFoundError => new NotFoundError($"{url}: {error.Message}"),
        RefusedError => new RefusedError($"{url}: {error.Message}"),
        ConflictError => new ConflictError($"{url}: {error.Message}"),
        TooLargeError => new TooLargeError($"{url}: {error.Message}"),
        _ => error,
    };
}
