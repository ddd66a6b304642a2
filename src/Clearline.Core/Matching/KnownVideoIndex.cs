using System.Diagnostics;
using Clearline.HashLists;
using Clearline.Media.Video;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Matching;

/// <summary>A known video that a query video met: the entry, its list, and how much of each video was found in the other.</summary>
/// <param name="EntryId">The <see cref="KnownHash"/> whose <see cref="KnownHash.Vpdq"/> matched.</param>
/// <param name="HashListId">Its list.</param>
/// <param name="Comparison">The query's (q%) and the known video's (c%) share of frames found in the other.</param>
public sealed record KnownVideoMatch(long EntryId, Guid HashListId, VpdqComparison Comparison);

/// <summary>
/// This process's replica of every live vPDQ entry (<see cref="KnownHash.Vpdq"/>) of every list, compared with a
/// query video by <see cref="VpdqMatcher.Compare"/>. Built from the database on first use and caught up before each
/// lookup like <see cref="KnownPdqIndex"/> (entries above the last id seen, tombstones above the last removal seen).
/// </summary>
/// <remarks>
/// A simple list: every known video is compared with the query, so a lookup costs the number of known videos ×
/// their frames × the query's frames. The media library's frame index replaces the list without changing this
/// surface. An entry whose text does not parse is left out (the import validates it). Whether a list is active and
/// visible is read from the database for each match.
/// </remarks>
public sealed partial class KnownVideoIndex(IOptions<MatchingOptions> options, ILogger<KnownVideoIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly Dictionary<long, (Guid ListId, PdqHashes Frames)> _videos = [];
    private bool _built;
    private long _lastEntryId;
    private long _lastRemovalId;

    /// <summary>Known videos held, or 0 before the first lookup.</summary>
    public int Count
    {
        get
        {
            lock (_videos)
            {
                return _videos.Count;
            }
        }
    }

    /// <summary>
    /// The thresholds a lookup applies: a known video is returned when at least <see cref="MatchingOptions.VideoNearPercent"/>
    /// of the query's frames and <see cref="MatchingOptions.VideoComparedPercent"/> of its own are found in the other.
    /// </summary>
    public VpdqMatchOptions LookupOptions => new()
    {
        DistanceThreshold = options.Value.PdqThreshold,
        QueryMatchPercent = options.Value.VideoNearPercent,
        ComparedMatchPercent = options.Value.VideoComparedPercent,
    };

    /// <summary>Catches up with the database, then returns the known videos that <paramref name="features"/> meets, best first.</summary>
    public async Task<IReadOnlyList<KnownVideoMatch>> FindAsync(ClearlineDbContext db, IReadOnlyList<VpdqFeature> features, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(features);
        await CatchUpAsync(db, ct);
        var lookup = LookupOptions;
        List<(long Id, Guid ListId, IReadOnlyList<VpdqFeature> Frames)> known;
        lock (_videos)
        {
            known = [.. _videos.Select(v => (v.Key, v.Value.ListId, v.Value.Frames.Features))];
        }

        var found = new List<KnownVideoMatch>();
        foreach (var (id, listId, frames) in known)
        {
            ct.ThrowIfCancellationRequested();
            var comparison = VpdqMatcher.Compare(features, frames, lookup);
            if (comparison.IsMatch(lookup))
            {
                found.Add(new KnownVideoMatch(id, listId, comparison));
            }
        }

        return [.. found.OrderByDescending(m => m.Comparison.QueryPercent).ThenByDescending(m => m.Comparison.ComparedPercent).ThenBy(m => m.EntryId)];
    }

    /// <summary>Builds the replica, or applies what was committed since the last call.</summary>
    public async Task CatchUpAsync(ClearlineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _catchUp.WaitAsync(ct);
        try
        {
            var clock = Stopwatch.StartNew();
            if (!_built)
            {
                // The removal head first: a tombstone committed while the entries are read is then replayed, not missed.
                _lastRemovalId = await db.Set<KnownHashRemoval>().MaxAsync(r => (long?)r.Id, ct) ?? 0;
            }

            var since = _lastEntryId;
            await foreach (var row in db.Set<KnownHash>().AsNoTracking()
                .Where(h => h.Id > since && h.Vpdq != null)
                .OrderBy(h => h.Id)
                .Select(h => new { h.Id, h.HashListId, h.Vpdq, h.TombstonedAt })
                .AsAsyncEnumerable().WithCancellation(ct))
            {
                _lastEntryId = row.Id;
                if (row.TombstonedAt is null && Parse(row.Vpdq!) is { } frames)
                {
                    lock (_videos)
                    {
                        _videos[row.Id] = (row.HashListId, frames);
                    }
                }
            }

            var removedSince = _lastRemovalId;
            var removals = await db.Set<KnownHashRemoval>().AsNoTracking()
                .Where(r => r.Id > removedSince)
                .OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.KnownHashId })
                .ToListAsync(ct);
            foreach (var removal in removals)
            {
                lock (_videos)
                {
                    _videos.Remove(removal.KnownHashId);
                }

                _lastRemovalId = removal.Id;
            }

            if (!_built)
            {
                _built = true;
                LogBuilt(logger, Count, clock.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    private PdqHashes? Parse(string text)
    {
        try
        {
            return new PdqHashes(VpdqText.ParseReferenceLines(text));
        }
        catch (FormatException)
        {
            LogUnreadable(logger);
            return null;
        }
    }

    public void Dispose() => _catchUp.Dispose();

    /// <summary>A known video's frames.</summary>
    private sealed record PdqHashes(IReadOnlyList<VpdqFeature> Features);

    [LoggerMessage(Level = LogLevel.Information, Message = "Known video index built: {Count} videos in {Seconds:F1} s.")]
    private static partial void LogBuilt(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A known hash's vPDQ text does not parse; it is left out of video matching.")]
    private static partial void LogUnreadable(ILogger logger);
}
