using Clearline.Database;
using Clearline.Events;
using Clearline.HashLists;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Classification;

/// <summary>
/// Classification's side of known material: the automatic decisions that rest on a hash-list entry. Only
/// Classification writes decisions; other features announce what happened and this reacts.
/// </summary>
public sealed class KnownMaterialDecisions(ClearlineDbContext db) : IEventObserver<KnownHashTombstoned>
{
    /// <summary>
    /// Withdraws the automatic decisions that rested on a tombstoned entry, in the tombstone's unit of work, so
    /// their items return to the analysts' queues.
    /// </summary>
    public async Task OnAsync(KnownHashTombstoned happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var resting = await db.Set<MediaClassification>()
            .Where(c => c.KnownHashId == happened.KnownHashId && c.Source == ClassificationSource.KnownMaterial && c.SupersededAt == null)
            .ToListAsync(ct);
        foreach (var classification in resting)
        {
            classification.SupersededAt = happened.TombstonedAt;
            classification.WithdrawnReason = $"Entry {happened.KnownHashId} of its list was tombstoned.";
        }
    }
}
