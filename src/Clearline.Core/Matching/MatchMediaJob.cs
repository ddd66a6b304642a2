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
