using System.Diagnostics;
using Clearline.HashLists;
using Clearline.Media.Matching;
using Clearline.Media.Pdq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Matching;

/// <summary>
/// This process's replica of every live PDQ entry of every list, for exact-recall lookups (<see cref="PdqIndex"/>).
/// Built from the database on first use, then brought up to date before each lookup by reading what was committed
/// since: entries above the last id seen and tombstones above the last removal seen (ids grow in commit order,
/// <see cref="HashListStore"/>). So a new or tombstoned entry counts for the next lookup on every process.
/// </summary>
/// <remarks>
/// Entries whose quality is below <see cref="PdqMatching.MinimumQuality"/> are never indexed. The index holds ids
/// only: whether an entry's list is active and visible is read from the database for each candidate.
/// </remarks>
public sealed partial class KnownPdqIndex(IOptions<MatchingOptions> options, ILogger<KnownPdqIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private PdqIndex? _index;

    /// <summary>Catch-ups started, and the number of the last one finished (see <see cref="CatchUpAsync"/>).</summary>
    private long _started;
    private long _finished;
    private long _lastEntryId;
    private long _lastRemovalId;

    /// <summary>Indexed hashes, or 0 before the first lookup.</summary>
    public int Count => _index?.Count ?? 0;

    /// <summary>Memory the index holds, in bytes (reported on the jobs page and by the benchmarks).</summary>
    public long MemoryBytes => _index?.MemoryBytes ?? 0;

    /// <summary>The largest distance a lookup returns (<see cref="MatchingOptions.PdqThreshold"/>).</summary>
    public int Threshold => options.Value.PdqThreshold;

    /// <summary>Builds the index, or applies what was committed since the last call. Queries may run meanwhile.</summary>
    /// <remarks>
    /// Lookups that arrive while a catch-up runs share the next one: a lookup returns once a catch-up that started
    /// after it arrived has finished, so it sees everything committed before it arrived, but under load one catch-up
    /// (two queries) serves every lookup waiting instead of each running its own in turn.
    /// </remarks>
    public async Task<PdqIndex> CatchUpAsync(ClearlineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var arrived = Interlocked.Read(ref _started);
        await _catchUp.WaitAsync(ct);
        try
        {
            if (_index is not null && Interlocked.Read(ref _finished) > arrived)
            {
                return _index;
            }

            var number = Interlocked.Increment(ref _started);
            if (_index is null)
            {
                _index = await BuildAsync(db, ct);
            }
            else
            {
                await ApplyChangesAsync(_index, db, ct);
            }

            Interlocked.Exchange(ref _finished, number);
            return _index;
        }
        finally
        {
            _catchUp.Release();
        }
    }

    private async Task<PdqIndex> BuildAsync(ClearlineDbContext db, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();

        // The removal head first: a tombstone committed while the entries are read is then replayed, not missed.
        _lastRemovalId = await db.Set<KnownHashRemoval>().MaxAsync(r => (long?)r.Id, ct) ?? 0;
        var entries = new List<(long Id, PdqHash Hash)>();
        await foreach (var row in IndexableSince(db, 0).AsAsyncEnumerable().WithCancellation(ct))
        {
            _lastEntryId = row.Id;
            if (row.TombstonedAt is null && PdqHash.TryParse(row.Pdq, out var hash))
            {
                entries.Add((row.Id, hash));
            }
        }

        var index = PdqIndex.Build(entries, options.Value.PdqThreshold);
        LogBuilt(logger, index.Count, clock.Elapsed.TotalSeconds, index.MemoryBytes / (1024 * 1024));
        return index;
    }

    private async Task ApplyChangesAsync(PdqIndex index, ClearlineDbContext db, CancellationToken ct)
    {
        await foreach (var row in IndexableSince(db, _lastEntryId).AsAsyncEnumerable().WithCancellation(ct))
        {
            _lastEntryId = row.Id;
            if (row.TombstonedAt is null && PdqHash.TryParse(row.Pdq, out var hash))
            {
                await index.AddAsync(row.Id, hash, ct);
            }
        }

        var since = _lastRemovalId;
        var removals = await db.Set<KnownHashRemoval>().AsNoTracking()
            .Where(r => r.Id > since)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.KnownHashId })
            .ToListAsync(ct);
        foreach (var removal in removals)
        {
            index.Remove(removal.KnownHashId);
            _lastRemovalId = removal.Id;
        }
    }

    private static IQueryable<IndexableRow> IndexableSince(ClearlineDbContext db, long afterId) =>
        db.Set<KnownHash>().AsNoTracking()
            .Where(h => h.Id > afterId && h.Pdq != null && (h.PdqQuality == null || h.PdqQuality >= PdqMatching.MinimumQuality))
            .OrderBy(h => h.Id)
            .Select(h => new IndexableRow(h.Id, h.Pdq!, h.TombstonedAt));

    public void Dispose() => _catchUp.Dispose();

    private sealed record IndexableRow(long Id, string Pdq, DateTimeOffset? TombstonedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Known PDQ index built: {Count} hashes in {Seconds:F1} s, {MiB} MiB.")]
    private static partial void LogBuilt(ILogger logger, int count, double seconds, long miB);
}
