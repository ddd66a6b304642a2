using System.Collections.Concurrent;

namespace Clearline.Crawling.Fetching;

/// <summary>
/// Connections kept open between the fetches of one crawl, so that a site's 1,500 images do not cost 1,500 new
/// connections. Each kept <see cref="FetchSession"/> holds at most one connection, to one origin and one vetted
/// address, and serves one fetch at a time; the address and certificate it records are that connection's.
/// </summary>
/// <remarks>
/// Owned by one crawl run and disposed at its end: a connection opened for one report never serves another, and
/// nothing outlives the run. A fetch takes a session for its URL's origin, or a new one, and gives it back only when
/// it ended cleanly on the same origin without a redirect; anything else (an error, a body cut at a limit, a
/// redirect) closes it. A session whose connection is to an address the guard no longer vets for the next fetch
/// starts a new connection (see <see cref="FetchSession.SendAsync"/>).
/// </remarks>
public sealed class FetchConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<FetchSession>> _idle = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _perOrigin;
    private int _opened;
    private int _disposed;

    /// <param name="perOrigin">Idle sessions kept per origin; more are closed (the host's concurrency is the useful bound).</param>
    public FetchConnections(int perOrigin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perOrigin, 1);
        _perOrigin = perOrigin;
    }

    /// <summary>Connections opened by the sessions of this run, for tests and measurements.</summary>
    public int Opened => Volatile.Read(ref _opened);

    internal FetchSession Take(Uri url, CrawlerOptions options)
    {
        if (Volatile.Read(ref _disposed) == 0 && _idle.TryGetValue(Origin(url), out var bag) && bag.TryTake(out var session))
        {
            return session;
        }

        return new FetchSession(options, keepAlive: true, onConnected: () => Interlocked.Increment(ref _opened));
    }

    /// <summary>Keeps <paramref name="session"/> for the next fetch from <paramref name="url"/>'s origin, or closes it.</summary>
    internal void Return(Uri url, FetchSession session)
    {
        var bag = _idle.GetOrAdd(Origin(url), _ => []);
        if (Volatile.Read(ref _disposed) != 0 || bag.Count >= _perOrigin)
        {
            session.Dispose();
            return;
        }

        bag.Add(session);

        // Disposed meanwhile: the sweep may have missed it.
        if (Volatile.Read(ref _disposed) != 0 && bag.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var bag in _idle.Values)
        {
            while (bag.TryTake(out var session))
            {
                session.Dispose();
            }
        }
    }

    internal static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
