using Clearline.Jobs;
using Microsoft.Extensions.Options;

namespace Clearline.Exchange.Federation;

/// <summary>The durable job that syncs one subscription; each run queues the next.</summary>
public sealed record FederationSyncJob(Guid SubscriptionId)
{
    public const string Kind = "federation-sync";
}

/// <summary>
/// Runs a sync and queues the next one: at once when pages are still waiting, after <see cref="FederationOptions.SyncInterval"/>
/// otherwise (a failure too: it is on the subscription, and the next attempt is the retry), none while paused.
/// </summary>
internal sealed class FederationSyncJobHandler(FederationSync sync, FederationSchedule schedule, IOptions<FederationOptions> options, TimeProvider time)
    : IJobHandler<FederationSyncJob>
{
    public async Task HandleAsync(FederationSyncJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var outcome = await sync.SyncAsync(payload.SubscriptionId, cancellationToken);
        var next = outcome.Result switch
        {
            SyncResult.Gone => (DateTimeOffset?)null,
            SyncResult.MoreWaiting => time.GetUtcNow(),
            _ => time.GetUtcNow() + options.Value.SyncInterval,
        };
        if (next is { } runAfter)
        {
            await schedule.EnsureQueuedAsync(payload.SubscriptionId, runAfter, excluding: context.JobId, cancellationToken);
        }
    }
}

/// <summary>Keeps one sync job waiting per subscription that is not paused.</summary>
public sealed class FederationSchedule(ClearlineDbContext db, JobQueue queue)
{
    /// <summary>Queues a sync at <paramref name="runAfter"/> unless one is already waiting (or the subscription is paused); saves.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="runAfter">When the sync should run.</param>
    /// <param name="excluding">The job now running, which does not count as waiting.</param>
    /// <param name="ct">Cancels the check.</param>
    public async Task EnsureQueuedAsync(Guid subscriptionId, DateTimeOffset runAfter, Guid? excluding, CancellationToken ct)
    {
        var subscription = await db.Set<FederationSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null || subscription.State == SubscriptionState.Paused)
        {
            return;
        }

        var payload = JobPayload.Serialize(new FederationSyncJob(subscriptionId));
        var waiting = await db.Set<Job>().AsNoTracking()
            .Where(j => j.Kind == FederationSyncJob.Kind && j.Payload == payload && j.State == JobState.Queued && j.Id != excluding)
            .Select(j => j.Id)
            .FirstOrDefaultAsync(ct);
        if (waiting != Guid.Empty)
        {
            // A resume or resync asks for now; the waiting sync moves forward rather than a second one being queued.
            await db.Set<Job>().Where(j => j.Id == waiting && j.RunAfter > runAfter).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAfter, runAfter), ct);

            return;
        }

        queue.Enqueue(FederationSyncJob.Kind, new FederationSyncJob(subscriptionId), subscription.OrganisationId, runAfter);
        await db.SaveChangesAsync(ct);
    }
}
