using Clearline.Events;
using Clearline.Matching;
using Clearline.Organisations;

namespace Clearline.HashLists;

/// <summary>
/// Creates, changes, lists and inspects hash lists for an organisation, and tombstones their entries. Every read
/// goes through <see cref="HashListAccess"/>; every change is audited.
/// </summary>
/// <remarks>
/// A list the caller cannot see is answered as not found, exactly like one that does not exist. A visible list
/// is changed only by its owner; the network's own list is kept by Clearline, and only the coordinator may tune
/// its mapping, trust and whether it is active.
/// </remarks>
public sealed class HashListDirectory(ClearlineDbContext db, UnitOfWork work, HashListStore store, EventAnnouncer events, AuditTrail audit, TimeProvider time)
{
    public const int MaxPageSize = 1000;

    /// <summary>The mapping column's size (<see cref="HashListConfiguration"/>).</summary>
    public const int MaxMappingLength = 8000;

    public async Task<Result<HashList>> CreateAsync(NewHashList request, HashListCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var name = request.Name?.Trim() ?? "";
        var invalid = ValidateName(name) ?? ValidateSource(request.Source) ?? ValidateKind(request.Kind)
            ?? Defined(request.Trust, "trust") ?? Defined(request.Visibility, "visibility") ?? Defined(request.Scheme, "scheme")
            ?? ValidateMapping(request.Mapping);
        if (invalid is not null)
        {
            return invalid;
        }

        if (await NameTakenAsync(name, caller.Viewer.OrganisationId, null, ct))
        {
            return NameTaken(name);
        }

        var now = time.GetUtcNow();
        var mapping = request.Mapping ?? CategoryMapping.Default(request.Scheme);
        var coordinator = caller.Viewer.Kind == OrganisationKind.Coordinator;
        var list = new HashList
        {
            Name = name,
            OwnerOrganisationId = caller.Viewer.OrganisationId,
            Source = Blank(request.Source),
            Kind = request.Kind,
            Trust = request.Trust,
            Visibility = request.Visibility,
            Scheme = request.Scheme,
            Mapping = mapping,
            CreatedAt = now,
            UpdatedAt = now,

            // The coordinator speaks for the network: its own lists need no one's approval.
            Approval = coordinator ? HashListApproval.Approved : HashListApproval.NotRequested,
            ApprovalMapping = coordinator ? mapping : null,
            ApprovalDecidedAt = coordinator ? now : null,
        };
        db.Add(list);
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(Event(AuditAction.HashListCreated, caller, list.Id, $"kind={list.Kind};trust={list.Trust};visibility={list.Visibility}"), ct);
        await transaction.CommitAsync(ct);
        return list;
    }

    public async Task<Result<HashList>> UpdateAsync(Guid listId, HashListChanges changes, HashListCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(caller);
        var list = await db.Set<HashList>().Where(HashListAccess.VisibleTo(caller.Viewer)).FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null)
        {
            return new NotFoundError("No such hash list.");
        }

        var refusal = list.Id == HashList.NetworkListId ? CheckNetworkListChange(changes, caller.Viewer) : CheckOwner(list, caller.Viewer);
        if (refusal is not null)
        {
            return refusal;
        }

        var name = changes.Name?.Trim();
        var invalid = (name is null ? null : ValidateName(name)) ?? ValidateSource(changes.Source)
            ?? (changes.Kind is { } kind ? ValidateKind(kind) : null)
            ?? (changes.Trust is { } trust ? Defined(trust, "trust") : null)
            ?? (changes.Visibility is { } visibility ? Defined(visibility, "visibility") : null)
            ?? ValidateMapping(changes.Mapping);
        if (invalid is not null)
        {
            return invalid;
        }

        if (name is not null && await NameTakenAsync(name, list.OwnerOrganisationId, list.Id, ct))
        {
            return NameTaken(name);
        }

        var approvalLapsed = changes.Mapping is { } newMapping && !newMapping.SameAs(list.Mapping)
            && HashListApprovals.FollowMappingChange(list, newMapping, caller.Viewer);

        list.Name = name ?? list.Name;
        list.Source = changes.Source is null ? list.Source : Blank(changes.Source);
        list.Kind = changes.Kind ?? list.Kind;
        list.Trust = changes.Trust ?? list.Trust;
        list.Visibility = changes.Visibility ?? list.Visibility;
        list.Mapping = changes.Mapping ?? list.Mapping;
        list.Active = changes.Active ?? list.Active;
        list.UpdatedAt = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        if (db.Entry(list).Properties.Any(p => p.IsModified && p.Metadata.Name is nameof(HashList.Trust) or nameof(HashList.Mapping) or nameof(HashList.Active) or nameof(HashList.Visibility) or nameof(HashList.Approval)))
        {
            // The list may now classify or suggest what it did not.
            await events.AnnounceAsync(new HashListChanged(list.Id), ct);
        }

        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(Event(AuditAction.HashListUpdated, caller, list.Id, ChangedFields(changes)), ct);
        if (approvalLapsed)
        {
            await audit.AppendAsync(Event(AuditAction.HashListApprovalWithdrawn, caller, list.Id, "reason=mapping-changed"), ct);
        }

        await transaction.CommitAsync(ct);
        return list;
    }

    /// <summary>Every list the viewer sees, by name, with its figures.</summary>
    public async Task<IReadOnlyList<HashListSummary>> ListAsync(HashListViewer viewer, CancellationToken ct)
    {
        var lists = await db.Set<HashList>().AsNoTracking().Where(HashListAccess.VisibleTo(viewer)).OrderBy(l => l.Name).ToListAsync(ct);
        var stats = await StatsAsync(lists.Select(l => l.Id).ToList(), ct);
        return [.. lists.Select(l => new HashListSummary(l, stats.GetValueOrDefault(l.Id, HashListStats.None)))];
    }

    /// <summary>The lists of that name, whoever owns them (names are unique per owner, so there may be several).</summary>
    /// <remarks>For the operator's command line only (it acts for no organisation); no request reaches it.</remarks>
    public async Task<IReadOnlyList<HashList>> NamedAsync(string nameOrId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var name = nameOrId.Trim();
        var id = Guid.TryParse(name, out var parsed) ? parsed : (Guid?)null;
        return await db.Set<HashList>().AsNoTracking().Where(l => l.Name == name || l.Id == id).OrderBy(l => l.CreatedAt).ToListAsync(ct);
    }

    /// <summary>One list with its figures, or null when it does not exist or the viewer cannot see it.</summary>
    public async Task<HashListSummary?> GetAsync(Guid listId, HashListViewer viewer, CancellationToken ct)
    {
        var list = await db.Set<HashList>().AsNoTracking().Where(HashListAccess.VisibleTo(viewer)).FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null)
        {
            return null;
        }

        var stats = await StatsAsync([list.Id], ct);
        return new HashListSummary(list, stats.GetValueOrDefault(list.Id, HashListStats.None));
    }

    /// <summary>
    /// A page of a visible list's entries (live and tombstoned), or null when the viewer cannot see the list. In id
    /// order the page follows <paramref name="cursor"/>, and stays valid while entries are added; newest first (the
    /// details screen) it precedes it.
    /// </summary>
    public async Task<KnownHashPage?> ListEntriesAsync(
        Guid listId, HashListViewer viewer, long? cursor, int limit, bool newestFirst, CancellationToken ct)
    {
        if (!await db.Set<HashList>().Where(HashListAccess.VisibleTo(viewer)).AnyAsync(l => l.Id == listId, ct))
        {
            return null;
        }

        limit = Math.Clamp(limit, 1, MaxPageSize);
        var entries = db.Set<KnownHash>().AsNoTracking().Where(h => h.HashListId == listId);
        entries = newestFirst
            ? entries.Where(h => cursor == null || h.Id < cursor).OrderByDescending(h => h.Id)
            : entries.Where(h => cursor == null || h.Id > cursor).OrderBy(h => h.Id);
        var page = await entries.Take(limit + 1).ToListAsync(ct);
        var next = page.Count > limit ? page[limit - 1].Id : (long?)null;
        return new KnownHashPage([.. page.Take(limit)], next);
    }

    /// <summary>
    /// Tombstones an entry of a list the caller owns: it stops matching at the next lookup on every process and
    /// stays, marked, for the audit of what matched before.
    /// </summary>
    public async Task<Result<KnownHash>> TombstoneAsync(Guid listId, long entryId, string? reason, HashListCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var list = await db.Set<HashList>().AsNoTracking().Where(HashListAccess.VisibleTo(caller.Viewer)).FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null || !await db.Set<KnownHash>().AnyAsync(h => h.Id == entryId && h.HashListId == listId, ct))
        {
            return new NotFoundError("No such entry in a hash list you can see.");
        }

        if (CheckOwner(list, caller.Viewer) is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new InvalidError("reason", "Say why the entry is removed (for example, the false match it caused).");
        }

        await using var transaction = await work.BeginAsync(ct);
        if (!await store.TombstoneAsync(entryId, reason.Trim(), caller.UserId, ct))
        {
            return new ConflictError("The entry is already tombstoned.");
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.KnownHashTombstoned, caller.Actor, caller.Viewer.OrganisationId, $"knownhash:{entryId}", Detail: $"list={listId:D}"), ct);
        await transaction.CommitAsync(ct);
        return await db.Set<KnownHash>().AsNoTracking().FirstAsync(h => h.Id == entryId, ct);
    }

    private async Task<Dictionary<Guid, HashListStats>> StatsAsync(List<Guid> listIds, CancellationToken ct)
    {
        var entries = await db.Set<KnownHash>().Where(h => listIds.Contains(h.HashListId))
            .GroupBy(h => h.HashListId)
            .Select(g => new { g.Key, Live = g.LongCount(h => h.TombstonedAt == null), Tombstoned = g.LongCount(h => h.TombstonedAt != null) })
            .ToDictionaryAsync(g => g.Key, ct);
        var matches = await db.Set<MediaMatch>().Where(m => listIds.Contains(m.HashListId))
            .GroupBy(m => m.HashListId)
            .Select(g => new
            {
                g.Key,
                Total = g.LongCount(),
                Confirmed = g.LongCount(m => m.Review == MatchReview.Confirmed),
                Wrong = g.LongCount(m => m.Review == MatchReview.Wrong),
            })
            .ToDictionaryAsync(g => g.Key, ct);
        return listIds.ToDictionary(id => id, id =>
        {
            var e = entries.GetValueOrDefault(id);
            var m = matches.GetValueOrDefault(id);
            return new HashListStats(e?.Live ?? 0, e?.Tombstoned ?? 0, m?.Total ?? 0, m?.Confirmed ?? 0, m?.Wrong ?? 0);
        });
    }

    private static NotListManager? CheckOwner(HashList list, HashListViewer viewer) =>
        list.IsManagedBy(viewer.OrganisationId) ? null : new NotListManager("Only the organisation that owns this hash list may change it.");

    /// <remarks>
    /// The network's list is what the analysts decided; its name, provenance, kind and reach are fixed. Only the
    /// coordinator, who speaks for the network, may tune how far it is trusted, its mapping, or switch it off.
    /// </remarks>
    private static Error? CheckNetworkListChange(HashListChanges changes, HashListViewer viewer)
    {
        if (viewer.Kind != OrganisationKind.Coordinator)
        {
            return new NotListManager("The network's own list is kept by Clearline; only the coordinator may change its mapping, trust or state.");
        }

        return (changes.Name, changes.Source, changes.Kind, changes.Visibility) switch
        {
            ({ }, _, _, _) => new InvalidError("name", "The network's own list keeps its name."),
            (_, { }, _, _) => new InvalidError("source", "The network's own list keeps its source."),
            (_, _, { }, _) => new InvalidError("kind", "The network's own list keeps its kind."),
            (_, _, _, { }) => new InvalidError("visibility", "The network's own list is always visible to the whole network."),
            _ => null,
        };
    }

    /// <remarks>
    /// Names are unique per owner, not network-wide: a conflict with another organisation's list (perhaps one the
    /// caller cannot see) would tell the caller that a private list of that name exists.
    /// </remarks>
    private Task<bool> NameTakenAsync(string name, Guid? owner, Guid? except, CancellationToken ct) =>
        db.Set<HashList>().AnyAsync(l => l.Name == name && l.OwnerOrganisationId == owner && l.Id != except, ct);

    private static ConflictError NameTaken(string name) => new($"Your organisation already has a hash list named '{name}'.");

    /// <remarks>The network's own list's name is its alone: no member's list may pass itself off as it.</remarks>
    private static InvalidError? ValidateName(string name) => name switch
    {
        { Length: 0 or > 200 } => new InvalidError("name", "The list name must be 1 to 200 characters."),
        _ when name.Equals(HashList.NetworkListName, StringComparison.OrdinalIgnoreCase) => new InvalidError("name", "This is the name of the network's own list; choose another."),
        _ => null,
    };


    private static InvalidError? ValidateSource(string? source) =>
        source?.Trim().Length > 200 ? new InvalidError("source", "The source must be at most 200 characters.") : null;

    /// <summary>A mapping must fit its column, and every rule must name a real outcome.</summary>
    private static InvalidError? ValidateMapping(CategoryMapping? mapping) => mapping switch
    {
        null => null,
        _ when mapping.Rules.Keys.Any(k => k.Length > 50) => new InvalidError("mapping", "A category is at most 50 characters."),
        _ when mapping.Rules.Values.Any(r => !Enum.IsDefined(r.Outcome)) => new InvalidError("mapping", "Every category needs a known outcome."),
        _ when mapping.ToJson().Length > MaxMappingLength => new InvalidError("mapping", $"The mapping is too large (at most {MaxMappingLength} characters as JSON)."),
        _ => null,
    };

    /// <remarks>Own classifications are the network's list alone: no organisation may pass its list off as them.</remarks>
    private static InvalidError? ValidateKind(HashListKind kind) =>
        Defined(kind, "kind") ?? (kind == HashListKind.OwnClassifications
            ? new InvalidError("kind", "Only the network's own list holds the network's classifications; choose PoliceDatabase, HotlineNetwork or Industry.")
            : null);

    private static InvalidError? Defined<T>(T value, string field) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : new InvalidError(field, $"Unknown {field} '{value}'.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string ChangedFields(HashListChanges c) => "changed=" + string.Join(',', new (string Name, bool Changed)[]
    {
        ("name", c.Name is not null), ("source", c.Source is not null), ("kind", c.Kind is not null), ("trust", c.Trust is not null),
        ("visibility", c.Visibility is not null), ("mapping", c.Mapping is not null), ("active", c.Active is not null),
    }.Where(f => f.Changed).Select(f => f.Name));

    private static AuditEvent Event(AuditAction action, HashListCaller caller, Guid listId, string detail) =>
        new(action, caller.Actor, caller.Viewer.OrganisationId, $"hashlist:{listId:D}", Detail: detail);
}
