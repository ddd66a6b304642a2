using Clearline.Events;
using Clearline.Jobs;
using Clearline.Videos;

namespace Clearline.Matching;

/// <summary>Queues the matching of a video once its vPDQ is recorded, in the unit of work that records it.</summary>
/// <remarks>
/// The video's exact hashes were matched when it was stored; this second run meets its frames with known videos.
/// <see cref="MediaMatcher"/> keeps what the first run recorded.
/// </remarks>
public sealed class MatchHashedVideo(JobQueue jobs) : IEventObserver<VideoHashed>
{
    public Task OnAsync(VideoHashed happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        if (happened.Succeeded)
        {
            jobs.Enqueue(MatchMediaJob.Kind, new MatchMediaJob([happened.MediaSha256]));
        }

        return Task.CompletedTask;
    }
}
