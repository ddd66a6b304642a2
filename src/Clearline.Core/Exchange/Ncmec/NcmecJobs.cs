using Clearline.Jobs;

namespace Clearline.Exchange.Ncmec;

/// <summary>The durable job that runs one pull of a source; each pull queues the next (<see cref="NcmecSchedule"/>).</summary>
public sealed record NcmecPullJob(Guid SourceId)
{
    public const string Kind = "ncmec-pull";
}

/// <summary>Runs a pull; a retried job resumes at the next unapplied page, and a stale one (superseded by "pull now") does nothing.</summary>
internal sealed class NcmecPullJobHandler(NcmecPuller puller) : IJobHandler<NcmecPullJob>
{
    public Task HandleAsync(NcmecPullJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        return puller.RunAsync(payload.SourceId, context.JobId, cancellationToken);
    }
}

/// <summary>Keeps one pull waiting per enabled source: the one <see cref="NcmecSource.NextPullJobId"/> names.</summary>
internal static class NcmecSchedule
{
    /// <summary>Queues the source's next pull at <paramref name="runAfter"/>, in the caller's unit of work; any pull queued before is superseded.</summary>
    public static void Queue(JobQueue jobs, NcmecSource source, DateTimeOffset runAfter)
    {
        if (!source.Enabled)
        {
            (source.NextPullJobId, source.NextPullAt) = (null, null);
            return;
        }

        var job = jobs.Enqueue(NcmecPullJob.Kind, new NcmecPullJob(source.Id), source.OrganisationId, runAfter);
        (source.NextPullJobId, source.NextPullAt) = (job.Id, runAfter);
    }
}
