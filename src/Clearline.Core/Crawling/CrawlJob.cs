using Clearline.Jobs;

namespace Clearline.Crawling;

/// <summary>The durable job that runs (or resumes) one crawl.</summary>
public sealed record CrawlJob(Guid CrawlId)
{
    public const string Kind = "crawl";
}

public sealed class CrawlJobHandler(CrawlRunner runner) : IJobHandler<CrawlJob>
{
    public Task HandleAsync(CrawlJob payload, JobContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(payload.CrawlId, cancellationToken);
}
