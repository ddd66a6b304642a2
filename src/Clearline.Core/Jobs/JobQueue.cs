using Microsoft.Extensions.Options;

namespace Clearline.Jobs;

/// <summary>Puts work in the durable queue, and puts dead-lettered work back.</summary>
public sealed class JobQueue(ClearlineDbContext db, UnitOfWork work, TimeProvider time, IOptions<WorkerOptions> options, JobSignal signal, AuditTrail audit)
{
    private bool _wakesWorkers;

    /// <summary>
    /// Adds a job to the caller's context: it is saved by the caller's <c>SaveChanges</c>, in the caller's
    /// transaction, so the job exists exactly when the change that causes it does.
    /// </summary>
    public Job Enqueue<TPayload>(string kind, TPayload payload, Guid? organisationId = null, DateTimeOffset? runAfter = null, int? maxAttempts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts ?? 1, 1, nameof(maxAttempts));
        var now = time.GetUtcNow();
        var job = new Job
        {
            Kind = kind,
            Payload = JobPayload.Serialize(payload),
            State = JobState.Queued,
            MaxAttempts = maxAttempts ?? options.Value.MaxAttempts,
            RunAfter = runAfter ?? now,
            OrganisationId = organisationId,
            CreatedAt = now,
        };
        db.Add(job);
        WakeWorkersOnSave();
        return job;
    }

    /// <summary>Queues a dead-lettered job again with fresh attempts, audited. False if it is not (or no longer) failed.</summary>
    public async Task<bool> RetryAsync(Guid jobId, AuditActor actor, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);
        var now = time.GetUtcNow();
        var updated = await db.Set<Job>()
            .Where(j => j.Id == jobId && j.State == JobState.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.Attempts, 0)
                .SetProperty(j => j.RunAfter, now)
                .SetProperty(j => j.CompletedAt, (DateTimeOffset?)null), ct);
        if (updated == 0)
        {
            return false;
        }

        var organisationId = await db.Set<Job>().Where(j => j.Id == jobId).Select(j => j.OrganisationId).SingleAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.JobRetried, actor, organisationId, $"job:{jobId:D}"), ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return true;
    }

    /// <remarks>Workers are woken after the save, not at enqueue, so they do not look before the row exists.</remarks>
    private void WakeWorkersOnSave()
    {
        if (!_wakesWorkers)
        {
            db.SavedChanges += (_, _) => signal.Notify();
            _wakesWorkers = true;
        }
    }
}
