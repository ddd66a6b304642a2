using System.Collections.Concurrent;
using System.Diagnostics;
using Clearline.HashLists;
using Clearline.Media.Matching;
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
/// This process's replica of every live vPDQ entry (<see cref="KnownHash.Vpdq"/>) of every list, in the media
/// library's <see cref="VpdqIndex"/> (exact recall: the same videos and percentages as <see cref="VpdqMatcher.Compare"/>
/// against each known video). Built from the database on first use and caught up before each lookup like
/// <see cref="KnownPdqIndex"/> (entries above the last id seen, tombstones above the last removal seen).
/// </summary>
/// <remarks>
/// An entry whose text does not parse is left out (the import validates it). Whether a list is active and visible is
/// read from the database for each match.
/// </remarks>
public sealed partial class KnownVideoIndex(IOptions<MatchingOptions> options, ILogger<KnownVideoIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly ConcurrentDictionary<long, Guid> _lists = new();
    private VpdqIndex? _index;
    private long _lastEntryId;
    private long _lastRemovalId;

    /// <summary>Known videos held, or 0 before the first lookup.</summary>
    public int Count => _index?.Count ?? 0;

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
        var found = new List<KnownVideoMatch>();
        foreach (var match in _index!.Query(features, LookupOptions))
        {
            if (_lists.TryGetValue(match.VideoId, out var listId))
            {
                found.Add(new KnownVideoMatch(match.VideoId, listId, match.Comparison));
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
            var building = _index is null;
            if (building)
            {
                // The removal head first: a tombstone committed while the entries are read is then replayed, not missed.
                _lastRemovalId = await db.Set<KnownHashRemoval>().MaxAsync(r => (long?)r.Id, ct) ?? 0;
            }

            var since = _lastEntryId;
            var added = new List<(long VideoId, IReadOnlyList<VpdqFeature> Features)>();
            await foreach (var row in db.Set<KnownHash>().AsNoTracking()
                .Where(h => h.Id > since && h.Vpdq != null)
                .OrderBy(h => h.Id)
                .Select(h => new { h.Id, h.HashListId, h.Vpdq, h.TombstonedAt })
                .AsAsyncEnumerable().WithCancellation(ct))
            {
                _lastEntryId = row.Id;
                if (row.TombstonedAt is null && Parse(row.Vpdq!) is { } frames)
                {
                    _lists[row.Id] = row.HashListId;
                    added.Add((row.Id, frames));
                }
            }

            if (_index is null)
            {
                var threshold = options.Value.PdqThreshold;
                _index = VpdqIndex.Build(added, threshold, clusterRadius: Math.Min(VpdqIndex.DefaultClusterRadius, PdqIndex.MaxSupportedThreshold - threshold));
            }
            else
            {
                foreach (var (id, frames) in added)
                {
                    await _index.AddAsync(id, frames, ct);
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
                _index.Remove(removal.KnownHashId);
                _lists.TryRemove(removal.KnownHashId, out _);
                _lastRemovalId = removal.Id;
            }

            if (building)
            {
                LogBuilt(logger, Count, clock.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    private IReadOnlyList<VpdqFeature>? Parse(string text)
    {
        try
        {
            return VpdqText.ParseReferenceLines(text);
        }
        catch (FormatException)
        {
            LogUnreadable(logger);
            return null;
        }
    }

    public void Dispose() => _catchUp.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Known video index built: {Count} videos in {Seconds:F1} s.")]
    private static partial void LogBuilt(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A known hash's vPDQ text does not parse; it is left out of video matching.")]
    private static partial void LogUnreadable(ILogger logger);
}
