using Clearline.Events;
using Clearline.Organisations;

namespace Clearline.HashLists;

/// <summary>A member's request for network-wide automatic effect, as the coordinator reviews it.</summary>
public sealed record ApprovalRequest(HashList List, string OwnerName, long LiveEntries);

/// <summary>
/// The network's consent to a member's list classifying automatically: the owner asks, with the list's mapping
/// frozen in the request; the coordinator approves (that mapping, and only it, then classifies) or refuses. Until
/// approved, and again after the owner changes the mapping, the list only suggests.
/// </summary>
/// <remarks>
/// Only the coordinator decides, whatever scopes a key holds: a member's own approval would be the very thing the
/// step exists to prevent (one member deciding for every hotline's queue). A request names itself by an id, so an
/// approval given on a screen never lands on a newer request the coordinator has not seen.
/// </remarks>
public sealed class HashListApprovals(ClearlineDbContext db, UnitOfWork work, EventAnnouncer events, AuditTrail audit, TimeProvider time)
{
    public const int MaxNoteLength = 500;

    /// <summary>The owner asks the coordinator to let the list classify automatically with its current mapping.</summary>
    public async Task<Result<HashList>> RequestAsync(Guid listId, HashListCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var list = await db.Set<HashList>().Where(HashListAccess.VisibleTo(caller.Viewer)).FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null)
        {
            return new NotFoundError("No such hash list.");
        }

        if (list.Id == HashList.NetworkListId || !list.IsManagedBy(caller.Viewer.OrganisationId))
        {
            return new NotListManager("Only the organisation that owns this hash list may ask for its approval.");
        }

        if (list.Trust != HashListTrust.AutoClassify)
        {
            return new InvalidError("trust", "Set the list's trust to AutoClassify first: an approval lets it classify automatically.");
        }

        if (list.Approval == HashListApproval.Approved && list.Mapping.SameAs(list.ApprovalMapping))
        {
            return new ConflictError("The list is already approved with this mapping.");
        }

        var now = time.GetUtcNow();
        list.Approval = HashListApproval.Requested;
        list.ApprovalMapping = list.Mapping;
        list.ApprovalRequestId = Guid.CreateVersion7();
        list.ApprovalRequestedAt = now;
        list.ApprovalDecidedAt = null;
        list.ApprovalNote = null;
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(Event(AuditAction.HashListApprovalRequested, caller, list, $"request={list.ApprovalRequestId:D}"), ct);
        await transaction.CommitAsync(ct);
        return list;
    }

    /// <summary>
    /// The coordinator approves the pending request: from now on the frozen mapping classifies automatically. A
    /// <c>requestId</c> names the request the coordinator saw; null approves the pending one, whichever it is.
    /// </summary>
    public Task<Result<HashList>> ApproveAsync(Guid listId, Guid? requestId, HashListCaller caller, CancellationToken ct) =>
        DecideAsync(listId, requestId, approve: true, note: null, caller, ct);

    /// <summary>The coordinator refuses the pending request, saying why; the list goes on suggesting.</summary>
    public Task<Result<HashList>> RefuseAsync(Guid listId, Guid? requestId, string? reason, HashListCaller caller, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxNoteLength
            ? Task.FromResult<Result<HashList>>(new InvalidError("reason", $"Say why the request is refused (1 to {MaxNoteLength} characters)."))
            : DecideAsync(listId, requestId, approve: false, reason.Trim(), caller, ct);

    /// <summary>The pending requests, oldest first, for the coordinator; empty for anyone else.</summary>
    /// <remarks>
    /// The coordinator sees a pending list whatever its visibility: its owner asked the network for consent and so
    /// shows it the list's name, owner, mapping and size (never its entries).
    /// </remarks>
    public async Task<IReadOnlyList<ApprovalRequest>> PendingAsync(HashListViewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.Kind != OrganisationKind.Coordinator)
        {
            return [];
        }

        var lists = await db.Set<HashList>().AsNoTracking().Where(l => l.Approval == HashListApproval.Requested).ToListAsync(ct);
        var owners = lists.Select(l => l.OwnerOrganisationId).OfType<Guid>().Distinct().ToList();
        var names = await db.Set<Organisation>().AsNoTracking().Where(o => owners.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var ids = lists.Select(l => l.Id).ToList();
        var sizes = await db.Set<KnownHash>().Where(h => ids.Contains(h.HashListId) && h.TombstonedAt == null)
            .GroupBy(h => h.HashListId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. lists.OrderBy(l => l.ApprovalRequestedAt).Select(l => new ApprovalRequest(
            l, l.OwnerOrganisationId is { } owner ? names.GetValueOrDefault(owner, "") : "", sizes.GetValueOrDefault(l.Id)))];
    }

    /// <summary>
    /// Follows a change of a list's mapping: a member's request or approval is withdrawn (it was given for the old
    /// mapping); a coordinator's own list stays approved with the new one. True when an approval or request lapsed.
    /// </summary>
    internal static bool FollowMappingChange(HashList list, CategoryMapping mapping, HashListViewer viewer)
    {
        if (list.Approval == HashListApproval.Approved && viewer.Kind == OrganisationKind.Coordinator)
        {
            list.ApprovalMapping = mapping;
            return false;
        }

        if (list.Approval is not (HashListApproval.Requested or HashListApproval.Approved))
        {
            return false;
        }

        list.Approval = HashListApproval.NotRequested;
        list.ApprovalMapping = null;
        list.ApprovalRequestId = null;
        return true;
    }

    private async Task<Result<HashList>> DecideAsync(Guid listId, Guid? requestId, bool approve, string? note, HashListCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var coordinator = caller.Viewer.Kind == OrganisationKind.Coordinator;
        var list = await db.Set<HashList>().FirstOrDefaultAsync(l => l.Id == listId, ct);

        // A list the caller cannot see does not exist for it; the coordinator also sees the lists waiting for it.
        if (list is null || (!(coordinator && list.Approval == HashListApproval.Requested)
            && !await db.Set<HashList>().Where(HashListAccess.VisibleTo(caller.Viewer)).AnyAsync(l => l.Id == listId, ct)))
        {
            return new NotFoundError("No such hash list.");
        }

        if (!coordinator)
        {
            return new RefusedError("Only the coordinator approves or refuses hash lists for the network.");
        }

        if (list.Approval != HashListApproval.Requested)
        {
            return new ConflictError("The list has no pending request (it was decided, or its owner changed the mapping and must ask again).");
        }

        if (requestId is { } seen && seen != list.ApprovalRequestId)
        {
            return new ConflictError("The owner has asked again since; review the new request.");
        }

        list.Approval = approve ? HashListApproval.Approved : HashListApproval.Refused;
        list.ApprovalDecidedAt = time.GetUtcNow();
        list.ApprovalNote = note;
        if (!approve)
        {
            list.ApprovalMapping = null;
        }

        await using var transaction = await work.BeginAsync(ct);
        if (approve)
        {
            // The list now classifies: the items waiting in queues meet it again.
            await events.AnnounceAsync(new HashListChanged(list.Id), ct);
        }

        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(
            Event(approve ? AuditAction.HashListApproved : AuditAction.HashListApprovalRefused, caller, list, $"request={requestId ?? list.ApprovalRequestId:D}"),
            ct);
        await transaction.CommitAsync(ct);
        return list;
    }

    private static AuditEvent Event(AuditAction action, HashListCaller caller, HashList list, string detail) =>
        new(action, caller.Actor, caller.Viewer.OrganisationId, $"hashlist:{list.Id:D}", Detail: detail);
}
