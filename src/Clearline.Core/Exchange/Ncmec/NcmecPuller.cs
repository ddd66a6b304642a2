using System.Security.Cryptography;
using Clearline.HashLists;
using Clearline.Jobs;
using Microsoft.Extensions.Options;

namespace Clearline.Exchange.Ncmec;

/// <summary>
/// Runs one pull of a source: reads the window from its checkpoint to now page by page (<c>paging/next</c>), applies
/// each page in its own transaction with the source's progress, and at the end moves the checkpoint to the largest
/// <c>maxTimestamp</c> read and queues the next pull. A worker killed at any moment resumes at the next unapplied page.
/// </summary>
/// <remarks>
/// NCMEC does not return a window's entries in time order, so the checkpoint moves only once the whole window is read.
/// A page is applied only by the pull that holds the source (<see cref="NcmecSource.PullJobId"/>), checked by the first
/// statement of its transaction, which also locks the source's row: a second pull of the same source waits, then stops.
/// </remarks>
public sealed class NcmecPuller(
    ClearlineDbContext db, UnitOfWork work, NcmecClient client, NcmecCredentialVault vault, NcmecPageApplier applier, JobQueue jobs,
    AuditTrail audit, TimeProvider time, IOptions<NcmecOptions> options)
{
    /// <summary>Runs the pull of <paramref name="jobId"/>; nothing when the source is gone, disabled, or expects another job.</summary>
    public async Task RunAsync(Guid sourceId, Guid jobId, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var claimed = await db.Set<NcmecSource>()
            .Where(s => s.Id == sourceId && s.NextPullJobId == jobId && s.Enabled)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PullJobId, jobId).SetProperty(x => x.LastPullStartedAt, started), ct);
        if (claimed == 0)
        {
            return;
        }

        var source = await db.Set<NcmecSource>().AsNoTracking().FirstAsync(s => s.Id == sourceId, ct);
        try
        {
            if (!await db.Set<HashList>().AnyAsync(l => l.Id == source.HashListId && l.Active, ct))
            {
                throw new NcmecFailure("The hash list is disabled; enable it to pull into it.");
            }

            await PullWindowAsync(source, jobId, ct);
            await FinishAsync(source, jobId, null, ct);
        }
        catch (NcmecFailure failure)
        {
            await FinishAsync(source, jobId, failure.Message, ct);
        }
        catch (CryptographicException)
        {
            await FinishAsync(source, jobId, "The stored credentials cannot be opened (the key that sealed them is no longer configured); enter them again.", ct);
        }
    }

    private async Task PullWindowAsync(NcmecSource source, Guid jobId, CancellationToken ct)
    {
        var credentials = vault.Open(source);
        var baseUrl = source.BaseUrl is { } configured ? new Uri(configured) : NcmecEnvironments.BaseUrl(source.Environment, source.UseTestEnvironment);
        var now = time.GetUtcNow();
        if (source.WindowFrom is null || source.WindowTo is null)
        {
            // A new window: from the checkpoint (everything, the first time) to now.
            (source.WindowFrom, source.WindowTo, source.WindowMaxTimestamp, source.NextPage) = (source.Checkpoint ?? DateTimeOffset.UnixEpoch, now, null, null);
            await db.Set<NcmecSource>().Where(s => s.Id == source.Id && s.PullJobId == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.WindowFrom, source.WindowFrom).SetProperty(x => x.WindowTo, source.WindowTo)
                .SetProperty(x => x.WindowMaxTimestamp, (DateTimeOffset?)null).SetProperty(x => x.NextPage, (string?)null), ct);
        }
        else if (source.NextPage is not null && source.NextPageAt + options.Value.PagingUrlLifetime < now)
        {
            // NCMEC's paging URLs do not last: the window is read again from its start (applying a page twice changes nothing).
            source.NextPage = null;
        }

        var next = source.NextPage;
        do
        {
            var page = await client.GetEntriesAsync(baseUrl, credentials, source.WindowFrom.Value, source.WindowTo.Value, next, ct);
            await ApplyPageAsync(source, jobId, page, ct);
            next = page.Next;
        }
        while (next is not null);
    }

    private async Task ApplyPageAsync(NcmecSource source, Guid jobId, NcmecEntriesPage page, CancellationToken ct)
    {
        var max = page.MaxTimestamp is { } pageMax && (source.WindowMaxTimestamp is null || pageMax > source.WindowMaxTimestamp) ? pageMax : source.WindowMaxTimestamp;
        var now = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        var held = await db.Set<NcmecSource>().Where(s => s.Id == source.Id && s.PullJobId == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.NextPage, page.Next).SetProperty(x => x.NextPageAt, now).SetProperty(x => x.WindowMaxTimestamp, max), ct);
        if (held == 0)
        {
            throw new InvalidOperationException($"Another pull of NCMEC source {source.Id} took over; this one stops without applying its page.");
        }

        var result = await applier.ApplyAsync(source.HashListId, page, ct);
        await db.Set<NcmecSource>().Where(s => s.Id == source.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.EntriesAdded, x => x.EntriesAdded + result.Added)
            .SetProperty(x => x.EntriesUnchanged, x => x.EntriesUnchanged + result.Unchanged)
            .SetProperty(x => x.EntriesDeleted, x => x.EntriesDeleted + result.Deleted)
            .SetProperty(x => x.EntriesSkipped, x => x.EntriesSkipped + result.Skipped)
            .SetProperty(x => x.LastSkipped, x => result.LastSkipped ?? x.LastSkipped), ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        (source.NextPage, source.WindowMaxTimestamp) = (page.Next, max);
    }

    /// <summary>Ends the pull: the checkpoint moves (on success) or the error is kept, and the next pull is queued.</summary>
    private async Task FinishAsync(NcmecSource read, Guid jobId, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        var source = await db.Set<NcmecSource>().FirstAsync(s => s.Id == read.Id, ct);
        if (source.PullJobId != jobId)
        {
            return;
        }

        source.PullJobId = null;
        if (error is null)
        {
            source.Checkpoint = source.WindowMaxTimestamp ?? source.Checkpoint;
            (source.WindowFrom, source.WindowTo, source.WindowMaxTimestamp, source.NextPage, source.NextPageAt) = (null, null, null, null, null);
            source.State = NcmecSourceState.UpToDate;
            source.LastPullCompletedAt = now;
        }
        else
        {
            source.State = NcmecSourceState.Failed;
            source.LastError = error.Length > 1000 ? error[..1000] : error;
            source.LastErrorAt = now;
        }

        var wait = error is null ? source.PullInterval : TimeSpan.FromTicks(Math.Min(source.PullInterval.Ticks, options.Value.RetryAfterFailure.Ticks));
        NcmecSchedule.Queue(jobs, source, now + wait);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(error is null ? AuditAction.NcmecPullCompleted : AuditAction.NcmecPullFailed, AuditActor.System,
            source.OrganisationId, $"hashlist:{source.HashListId:D}", Detail: $"source={source.Id:D} added={source.EntriesAdded} deleted={source.EntriesDeleted}"), ct);
        await transaction.CommitAsync(ct);
    }
}
