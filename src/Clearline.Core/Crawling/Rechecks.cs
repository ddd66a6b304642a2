using Clearline.Jobs;

namespace Clearline.Crawling;

/// <summary>Requests re-checks of content URLs (the takedown workflow will schedule them; the API can ask now).</summary>
public sealed class Rechecks(ClearlineDbContext db, UnitOfWork work, JobQueue jobs, AuditTrail audit, TimeProvider time)
{
    /// <summary>Queues a re-check of a URL of <paramref name="organisationId"/>; another organisation's URL is not found.</summary>
    public async Task<Result<Recheck>> RequestAsync(Guid organisationId, Guid urlId, AuditActor actor, CancellationToken ct)
    {
        var url = await db.Set<CrawledUrl>().AsNoTracking()
            .FirstOrDefaultAsync(u => u.Id == urlId && u.OrganisationId == organisationId, ct);
        if (url is null)
        {
            return new NotFoundError("No such URL.");
        }

        var recheck = new Recheck { OrganisationId = organisationId, CrawledUrlId = url.Id, RequestedAt = time.GetUtcNow() };
        recheck.JobId = jobs.Enqueue(RecheckJob.Kind, new RecheckJob(recheck.Id), organisationId).Id;
        await using var transaction = await work.BeginAsync(ct);
        db.Add(recheck);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.RecheckRequested, actor, organisationId, url.Id.ToString("D")), ct);
        await transaction.CommitAsync(ct);
        return recheck;
    }
}
