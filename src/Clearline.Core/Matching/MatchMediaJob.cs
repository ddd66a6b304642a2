using Clearline.Crawling;
using Clearline.Events;
using Clearline.Jobs;

namespace Clearline.Matching;

/// <summary>The durable job that matches newly stored media items against known material.</summary>
public sealed record MatchMediaJob(IReadOnlyList<string> MediaSha256)
{
    public const string Kind = "match-media";
}

public sealed class MatchMediaJobHandler(MediaMatcher matcher) : IJobHandler<MatchMediaJob>
{
    public Task HandleAsync(MatchMediaJob payload, JobContext context, CancellationToken cancellationToken) =>
        matcher.MatchAsync(payload.MediaSha256, cancellationToken);
}

/// <summary>Queues the matching of newly stored media, in the unit of work that stores them.</summary>
public sealed class MatchStoredMedia(JobQueue jobs) : IEventObserver<MediaStored>
{
    public Task OnAsync(MediaStored happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        jobs.Enqueue(MatchMediaJob.Kind, new MatchMediaJob(happened.MediaSha256));
        return Task.CompletedTask;
    }
}
