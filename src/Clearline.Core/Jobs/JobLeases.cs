
namespace Clearline.Jobs;

/// <summary>A worker's claim on one job: which attempt it is, and who holds it.</summary>
/// <remarks>
/// The attempt number fences the claim: a worker whose lease expired and was taken over, even by another slot
/// of the same process, no longer matches and cannot overwrite the new holder's outcome.
/// </remarks>
public sealed record JobClaim(Job Job, string Owner)
{
    public int Attempt => Job.Attempts;
}

/// <summary>
/// Claims due jobs under a lease and records outcomes, each only while the lease is still held. Works on its own
/// scoped context as the system; never in a handler's scope.
/// </summary>
public sealed class JobLeases(ClearlineDbContext db, UnitOfWork work, TimeProvider time)
{
    /// <summary>
    /// Claims the longest-due queued job of <paramref name="kinds"/>, or a running one whose lease expired (its
    /// worker died), and counts the attempt. Null when nothing is due.
    /// </summary>
    /// <remarks>
    /// PostgreSQL: one statement; <c>FOR UPDATE SKIP LOCKED</c> lets concurrent claimers pass over each other's
    /// rows instead of waiting or claiming the same one. SQLite: <c>BEGIN IMMEDIATE</c> takes the database write
    /// lock, so select-then-update cannot interleave with another claimer.
    /// </remarks>
    public async Task<JobClaim?> ClaimAsync(IReadOnlyList<string> kinds, string owner, TimeSpan leaseDuration, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = now + leaseDuration;
        var job = db is PostgresClearlineDbContext
            ? await ClaimOnPostgresAsync(kinds.ToArray(), owner, now, expires, ct)
            : await ClaimInTransactionAsync(kinds, owner, now, expires, ct);
        return job is null ? null : new JobClaim(job, owner);
    }

    /// <summary>Extends the lease. False when it was lost: another worker holds the job now.</summary>
    public async Task<bool> RenewAsync(JobClaim claim, TimeSpan leaseDuration, CancellationToken ct)
    {
        var expires = time.GetUtcNow() + leaseDuration;
        return await Held(claim).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, expires), ct) == 1;
    }

    public async Task<bool> SucceedAsync(JobClaim claim, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Succeeded)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), ct) == 1;
    }

    /// <summary>Queues the job again after <paramref name="delay"/>, keeping the error.</summary>
    public async Task<bool> RetryLaterAsync(JobClaim claim, string error, TimeSpan delay, CancellationToken ct)
    {
        var runAfter = time.GetUtcNow() + delay;
        return await Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Queued)
            .SetProperty(j => j.RunAfter, runAfter)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), ct) == 1;
    }

    /// <summary>Dead-letters the job with its error.</summary>
    public async Task<bool> FailAsync(JobClaim claim, string error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Failed)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), ct) == 1;
    }

    /// <summary>Gives the job back at once, uncounted: the worker is stopping, the job did not fail.</summary>
    public async Task<bool> ReleaseAsync(JobClaim claim, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await Held(claim).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Queued)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.RunAfter, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), ct) == 1;
    }

    private IQueryable<Job> Held(JobClaim claim) => db.Set<Job>().Where(j =>
        j.Id == claim.Job.Id && j.State == JobState.Running && j.LeaseOwner == claim.Owner && j.Attempts == claim.Attempt);

    private async Task<Job?> ClaimOnPostgresAsync(string[] kinds, string owner, DateTimeOffset now, DateTimeOffset expires, CancellationToken ct)
    {
        var claimed = await db.Set<Job>().FromSql($"""
            UPDATE "Jobs" SET "State" = {(int)JobState.Running}, "Attempts" = "Attempts" + 1,
                "LeaseOwner" = {owner}, "LeaseExpiresAt" = {expires}
            WHERE "Id" = (
                SELECT "Id" FROM "Jobs"
                WHERE "Kind" = ANY({kinds})
                  AND (("State" = {(int)JobState.Queued} AND "RunAfter" <= {now})
                    OR ("State" = {(int)JobState.Running} AND "LeaseExpiresAt" < {now}))
                ORDER BY "RunAfter"
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return claimed.SingleOrDefault();
    }

    private async Task<Job?> ClaimInTransactionAsync(IReadOnlyList<string> kinds, string owner, DateTimeOffset now, DateTimeOffset expires, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);
        var job = await db.Set<Job>()
            .Where(j => kinds.Contains(j.Kind)
                && ((j.State == JobState.Queued && j.RunAfter <= now) || (j.State == JobState.Running && j.LeaseExpiresAt < now)))
            .OrderBy(j => j.RunAfter)
            .FirstOrDefaultAsync(ct);
        if (job is null)
        {
            return null;
        }

        job.State = JobState.Running;
        job.Attempts++;
        job.LeaseOwner = owner;
        job.LeaseExpiresAt = expires;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.Entry(job).State = EntityState.Detached;
        return job;
    }
}
