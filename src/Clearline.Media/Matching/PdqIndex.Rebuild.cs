using Clearline.Media.Pdq;

namespace Clearline.Media.Matching;

/// <summary>
/// Merging the log of recent additions into the tables. The full log is frozen (still scanned by queries), a fresh
/// log takes new additions, and the tables are rebuilt from the live entries on a background thread. Removals made
/// meanwhile tombstone the old tables and logs at once and are replayed on the new tables before they are published.
/// </summary>
public sealed partial class PdqIndex
{
    private const int MinLogCapacity = 1024;
    private const int MaxLogCapacity = 16384;

    private Task? _rebuild;
    private List<long>? _removedDuringRebuild;

    /// <summary>The rebuild in progress, or a completed task: lets tests and benchmarks wait for it.</summary>
    internal Task RebuildCompletion
    {
        get
        {
            lock (_writeLock)
            {
                return _rebuild ?? Task.CompletedTask;
            }
        }
    }

    /// <summary>Freezes the full log and starts the rebuild (called under the write lock, with no rebuild running).</summary>
    private void StartRebuild(Snapshot snapshot)
    {
        var frozen = snapshot.Delta;
        _snapshot = snapshot with { Frozen = frozen, Delta = NewLog(snapshot.Table.Length + frozen.Count) };
        _removedDuringRebuild = [];
        _rebuild = Task.Run(Rebuild);
    }

    /// <summary>Builds tables from the live entries of the tables and the frozen log, then publishes them.</summary>
    /// <remarks>It reads them from the snapshot rather than a closure, so a caller holding the task keeps nothing alive.</remarks>
    private void Rebuild()
    {
        var (table, frozen, _) = _snapshot;

        // Sized exactly, as the new tables keep these arrays; only a removal racing the copy makes them shrink.
        var ids = new long[table.LiveCount + frozen.LiveCount];
        var hashes = new PdqHash[ids.Length];
        var live = table.CopyLive(ids, hashes);
        live += frozen.CopyLive(ids.AsSpan(live), hashes.AsSpan(live));
        Array.Resize(ref ids, live);
        Array.Resize(ref hashes, live);
        var rebuilt = BuildTable(ids, hashes);
        lock (_writeLock)
        {
            foreach (var id in _removedDuringRebuild!)
            {
                rebuilt.Remove(id);
            }

            _snapshot = new Snapshot(rebuilt, DeltaLog.Empty, _snapshot.Delta);
            _removedDuringRebuild = null;
            _rebuild = null;
        }
    }

    private MihTable BuildTable(long[] ids, PdqHash[] hashes) => MihTable.Build(ids, hashes, MihLayout.Choose(MaxThreshold, ids.Length));

    /// <summary>A log sized so that scanning it costs a small fraction of a query against <paramref name="tableLength"/> hashes.</summary>
    private static DeltaLog NewLog(int tableLength) => new(Math.Clamp(tableLength / 512, MinLogCapacity, MaxLogCapacity));

    /// <summary>What one query reads: published as a whole, so a rebuild never shows a query half of its result.</summary>
    /// <param name="Table">The bulk-built tables.</param>
    /// <param name="Frozen">The full log being merged into new tables (empty when no rebuild runs).</param>
    /// <param name="Delta">The log taking new additions.</param>
    private sealed record Snapshot(MihTable Table, DeltaLog Frozen, DeltaLog Delta);
}
