using Clearline.Jobs;

namespace Clearline.InvestigationHolds;

/// <summary>The durable job that records holds whose date has passed; one is queued for each hold's date.</summary>
public sealed record InvestigationHoldExpiryJob(Guid HoldId)
{
    public const string Kind = "investigation-hold-expiry";
}

internal sealed class InvestigationHoldExpiryJobHandler(InvestigationHoldExpiry expiry) : IJobHandler<InvestigationHoldExpiryJob>
{
    /// <remarks>Records every hold that is due, not only its own: a job lost or run late leaves none unrecorded.</remarks>
    public Task HandleAsync(InvestigationHoldExpiryJob payload, JobContext context, CancellationToken cancellationToken) =>
        expiry.ExpireDueAsync(cancellationToken);
}

/// <summary>Records, once, that a hold's date passed (audit <see cref="AuditAction.InvestigationHoldExpired"/>).</summary>
/// <remarks>
/// A hold stops blocking notices at its date whether or not this has run (<see cref="InvestigationHold.IsActiveAt"/>);
/// the record is for the unit's list and the audit trail. A job queued for an earlier date of a re-dated hold finds
/// it not yet due and does nothing; the job queued at the change records it. Idempotent: each hold is marked in one
/// conditional update, and only the update that marked it audits.
/// </remarks>
public sealed class InvestigationHoldExpiry(ClearlineDbContext db, UnitOfWork work, AuditTrail audit, TimeProvider time)
{
    /// <summary>Queues the expiry job for the hold's date in the caller's unit of work.</summary>
    internal static void Schedule(JobQueue queue, InvestigationHold hold) =>
        queue.Enqueue(InvestigationHoldExpiryJob.Kind, new InvestigationHoldExpiryJob(hold.Id), runAfter: hold.Until);

    /// <summary>Marks every due hold expired; answers how many this call recorded.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.Set<InvestigationHold>().IgnoreQueryFilters().AsNoTracking()
            .Where(h => h.LiftedAt == null && h.ExpiredAt == null && h.Until <= now)
            .Select(h => new { h.Id, h.OrganisationId })
            .ToListAsync(ct);
        var recorded = 0;
        foreach (var hold in due)
        {
            await using var transaction = await work.BeginAsync(ct);
            var marked = await db.Set<InvestigationHold>().IgnoreQueryFilters()
                .Where(h => h.Id == hold.Id && h.LiftedAt == null && h.ExpiredAt == null && h.Until <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.ExpiredAt, now), ct);
            if (marked == 1)
            {
                await audit.AppendAsync(new AuditEvent(AuditAction.InvestigationHoldExpired, AuditActor.System, hold.OrganisationId, $"investigation-hold:{hold.Id:D}"), ct);
                recorded++;
            }

            await transaction.CommitAsync(ct);
        }

        return recorded;
    }
}
