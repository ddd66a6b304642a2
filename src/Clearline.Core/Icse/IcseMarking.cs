using System.Globalization;
using Clearline.Events;
using Clearline.HashLists;
using Clearline.LawEnforcement;
using Clearline.MediaItems;
using Clearline.Organisations;

namespace Clearline.Icse;

/// <summary>
/// ICSE's answer: when a police-database list holding entries imported in ICSE's format changes (an import added
/// entries), the network's Baseline and National items it holds (by MD5 or SHA-1) count as "in ICSE" and leave the
/// hand-off queue. The mark itself is computed when the queue is read (<see cref="IcseQueue"/>); this observer records
/// the marking in the audit trail (<see cref="AuditAction.IcseItemsMarked"/>, with how many items the list now marks),
/// in the unit of work that changed the list.
/// </summary>
/// <remarks>
/// Copies found later are handled by matching like any list's: an AutoClassify list (approved by the coordinator)
/// classifies them without an analyst, and they show "in ICSE" as soon as they are Baseline or National.
/// </remarks>
public sealed class IcseMarking(ClearlineDbContext db, IcseQueue queue, PortalAccess access, AuditTrail audit) : IEventObserver<HashListChanged>
{
    public async Task OnAsync(HashListChanged happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var list = await db.Set<HashList>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == happened.HashListId, ct);
        var listId = happened.HashListId;
        if (list is null || !await queue.IcseEntries().AnyAsync(h => h.HashListId == listId, ct))
        {
            return;
        }

        // Everything Baseline and National, network-wide: what INTERPOL sees.
        var network = new Officer(Guid.Empty, OrganisationKind.Interpol, null, Guid.Empty, IsApiKey: false);
        var entries = queue.IcseEntries().Where(h => h.HashListId == listId);
        var visible = access.ItemsFor(network);
        var marked = await db.Set<MediaItem>().CountAsync(m => visible.Contains(m.Sha256) && entries.Any(h => h.Md5 == m.Md5 || h.Sha1 == m.Sha1), ct);
        if (marked > 0)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.IcseItemsMarked, AuditActor.HashList(listId), list.OwnerOrganisationId,
                $"hashlist:{listId:D}", Detail: string.Create(CultureInfo.InvariantCulture, $"count={marked}")), ct);
        }
    }
}
