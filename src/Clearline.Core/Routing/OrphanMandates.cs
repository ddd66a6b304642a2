using Clearline.Organisations;

namespace Clearline.Routing;

/// <summary>The hotlines the coordinator mandates to claim orphaned content.</summary>
/// <remarks>
/// Only the coordinator grants or revokes a mandate: orphaned content is its responsibility, and a mandate opens
/// the orphaned queue (other hotlines' report context) to the hotline. Only hotlines can hold one.
/// </remarks>
public sealed class OrphanMandates(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, TimeProvider time)
{
    /// <summary>Mandates the hotline; granting a mandate it already holds changes nothing.</summary>
    public async Task<Result<OrphanMandate>> GrantAsync(RouteViewer caller, Guid organisationId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsCoordinator)
        {
            return new RoutingRefused("Only the coordinator mandates hotlines to claim orphaned content.");
        }

        if (!await db.Set<Organisation>().AnyAsync(o => o.Id == organisationId && o.Kind == OrganisationKind.Hotline, ct))
        {
            return new InvalidError("organisationId", "Only a member hotline can be mandated to claim orphaned content.");
        }

        if (await db.Set<OrphanMandate>().AsNoTracking().FirstOrDefaultAsync(m => m.OrganisationId == organisationId, ct) is { } existing)
        {
            return existing;
        }

        var mandate = new OrphanMandate { OrganisationId = organisationId, MandatedAt = time.GetUtcNow() };
        db.Add(mandate);
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.OrphanMandateGranted, actor, caller.OrganisationId, $"org:{organisationId:D}"), ct);
        await transaction.CommitAsync(ct);
        return mandate;
    }

    /// <summary>Withdraws the mandate; routes the hotline already claimed stay with it.</summary>
    public async Task<Result<Guid>> RevokeAsync(RouteViewer caller, Guid organisationId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsCoordinator)
        {
            return new RoutingRefused("Only the coordinator withdraws a mandate to claim orphaned content.");
        }

        await using var transaction = await work.BeginAsync(ct);
        if (await db.Set<OrphanMandate>().Where(m => m.OrganisationId == organisationId).ExecuteDeleteAsync(ct) == 0)
        {
            return new NotFoundError("This organisation holds no mandate.");
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.OrphanMandateRevoked, actor, caller.OrganisationId, $"org:{organisationId:D}"), ct);
        await transaction.CommitAsync(ct);
        return organisationId;
    }

    /// <summary>When each mandated hotline was mandated, by its id; who is mandated is the network's to know.</summary>
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> ListAsync(CancellationToken ct) =>
        await db.Set<OrphanMandate>().AsNoTracking().ToDictionaryAsync(m => m.OrganisationId, m => m.MandatedAt, ct);
}
