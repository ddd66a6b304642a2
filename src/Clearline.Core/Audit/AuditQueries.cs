using System.Runtime.CompilerServices;
using Clearline.ApiKeys;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.Audit;

/// <summary>One audit entry as the viewer shows it: the action in words, the actor and organisation by name.</summary>
public sealed record AuditRow(
    long Sequence, DateTimeOffset Timestamp, AuditAction Action, string ActionText, string Actor, string ActorName,
    Guid? OrganisationId, string? OrganisationName, string? Target, string? ClientIp, string? Detail);

/// <summary>A page of entries, newest first; <see cref="NextBefore"/> asks for the next (older) page, null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Entries, long? NextBefore);

/// <summary>Reads the audit trail for the viewer, the API and the CSV export, and audits each view and export.</summary>
/// <remarks>
/// <para>Who sees what: a Coordinator-kind organisation sees every organisation's entries and the system's; any
/// other organisation sees only entries recorded for it (<see cref="AuditEntry.OrganisationId"/>), never another's and
/// never the system's, whatever the filter says. Who may ask at all (ViewAudit, <c>audit:read</c>) is decided by the
/// caller's policy.</para>
/// <para>Reading the trail is itself audited (<see cref="AuditAction.AuditViewed"/>, <see cref="AuditAction.AuditExported"/>),
/// with which filters were used but never their values, which may name a person.</para>
/// </remarks>
public sealed class AuditQueries(ClearlineDbContext db, AuditTrail trail)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const int ExportPageSize = 500;

    public async Task<Result<AuditPage>> PageAsync(Caller caller, AuditFilter filter, long? before, int? limit, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        if (limit is < 1 or > MaxLimit)
        {
            return new InvalidError("limit", $"The limit must be between 1 and {MaxLimit}.");
        }

        if (before is < 1)
        {
            return new InvalidError("before", "'before' must be a positive sequence number.");
        }

        await trail.AppendAsync(new AuditEvent(AuditAction.AuditViewed, caller.Actor, caller.OrganisationId, ClientIp: clientIp, Detail: filter.Summary()), ct);
        return await ReadAsync(caller, filter, before, limit ?? DefaultLimit, ct);
    }

    /// <summary>Every matching entry, newest first, read a page at a time; the export is audited once, before the first row.</summary>
    public async IAsyncEnumerable<AuditRow> ExportAsync(Caller caller, AuditFilter filter, string? clientIp, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        await trail.AppendAsync(new AuditEvent(AuditAction.AuditExported, caller.Actor, caller.OrganisationId, ClientIp: clientIp, Detail: filter.Summary()), ct);
        long? before = null;
        do
        {
            var page = await ReadAsync(caller, filter, before, ExportPageSize, ct);
            foreach (var row in page.Entries)
            {
                yield return row;
            }

            before = page.NextBefore;
        }
        while (before is not null);
    }

    private async Task<AuditPage> ReadAsync(Caller caller, AuditFilter filter, long? before, int limit, CancellationToken ct)
    {
        var query = Visible(caller);
        query = await ByActorAsync(query, caller, filter.Actor, ct);
        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (filter.Target is { } target)
        {
            query = query.Where(e => e.Target != null && e.Target.StartsWith(target));
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.Timestamp >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.Timestamp < to);
        }

        if (before is { } b)
        {
            query = query.Where(e => e.Sequence < b);
        }

        var entries = await query.OrderByDescending(e => e.Sequence).Take(limit + 1).ToListAsync(ct);
        var more = entries.Count > limit;
        if (more)
        {
            entries.RemoveAt(limit);
        }

        var rows = await NameAsync(entries, ct);
        return new AuditPage(rows, more ? entries[^1].Sequence : null);
    }

    private IQueryable<AuditEntry> Visible(Caller caller)
    {
        var entries = db.Set<AuditEntry>().AsNoTracking();
        var organisation = caller.OrganisationId;
        return caller.IsCoordinator ? entries : entries.Where(e => e.OrganisationId == organisation);
    }

    /// <summary>An actor is a kind (<c>system</c>, <c>anonymous</c>), an id, or a person's user name or e-mail address.</summary>
    private async Task<IQueryable<AuditEntry>> ByActorAsync(IQueryable<AuditEntry> query, Caller caller, string? actor, CancellationToken ct)
    {
        if (actor is null)
        {
            return query;
        }

        if (string.Equals(actor, "system", StringComparison.OrdinalIgnoreCase))
        {
            return query.Where(e => e.ActorKind == AuditActorKind.System);
        }

        if (string.Equals(actor, "anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return query.Where(e => e.ActorKind == AuditActorKind.Anonymous);
        }

        if (Guid.TryParse(actor, out var id))
        {
            var text = id.ToString("D");
            return query.Where(e => e.ActorId == text);
        }

        var normalized = actor.ToUpperInvariant();
        var people = db.Set<ClearlineUser>().AsNoTracking().Where(u => u.NormalizedUserName == normalized || u.NormalizedEmail == normalized);
        if (!caller.IsCoordinator)
        {
            var organisation = caller.OrganisationId;
            people = people.Where(u => u.OrganisationId == organisation);
        }

        var ids = (await people.Select(u => u.Id).ToListAsync(ct)).Select(u => u.ToString("D")).ToList();
        return query.Where(e => e.ActorKind == AuditActorKind.User && ids.Contains(e.ActorId!));
    }

    private async Task<List<AuditRow>> NameAsync(List<AuditEntry> entries, CancellationToken ct)
    {
        var userIds = IdsOf(entries, AuditActorKind.User);
        var keyIds = IdsOf(entries, AuditActorKind.ApiKey);
        var organisationIds = entries.Where(e => e.OrganisationId is not null).Select(e => e.OrganisationId!.Value).Distinct().ToList();
        var users = await db.Set<ClearlineUser>().AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id.ToString("D"), ct);

        // Key names are tenant-owned: a coordinator sees another organisation's key by its id only.
        var keys = await db.Set<ApiKey>().AsNoTracking().Where(k => keyIds.Contains(k.Id))
            .Select(k => new { k.Id, k.Name }).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
        var organisations = await db.Set<Organisation>().AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return entries.Select(e => new AuditRow(
            e.Sequence, e.Timestamp, e.Action, AuditActionWords.Describe(e.Action), ActorOf(e), ActorName(e, users, keys),
            e.OrganisationId, e.OrganisationId is { } o ? organisations.GetValueOrDefault(o) : null, e.Target, e.ClientIp, e.Detail)).ToList();
    }

    private static List<Guid> IdsOf(List<AuditEntry> entries, AuditActorKind kind) =>
        entries.Where(e => e.ActorKind == kind && e.ActorId is not null)
            .Select(e => Guid.TryParse(e.ActorId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();

    private static string ActorOf(AuditEntry e) => e.ActorKind switch
    {
        AuditActorKind.User => $"user:{e.ActorId}",
        AuditActorKind.ApiKey => $"apikey:{e.ActorId}",
        AuditActorKind.System => "system",
        AuditActorKind.Anonymous => "anonymous",
        _ => e.ActorKind.ToString(),
    };

    private static string ActorName(AuditEntry e, Dictionary<Guid, string> users, Dictionary<Guid, string> keys)
    {
        var id = Guid.TryParse(e.ActorId, out var parsed) ? parsed : Guid.Empty;
        return e.ActorKind switch
        {
            AuditActorKind.User => users.GetValueOrDefault(id) ?? "Unknown person",
            AuditActorKind.ApiKey => keys.TryGetValue(id, out var name) ? $"API key “{name}”" : "API key",
            AuditActorKind.System => "System",
            AuditActorKind.Anonymous => "Not signed in",
            _ => e.ActorKind.ToString(),
        };
    }
}
