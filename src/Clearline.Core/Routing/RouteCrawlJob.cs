using Clearline.Jobs;

namespace Clearline.Routing;

/// <summary>The durable job, queued with a crawl's completion, that routes the crawl's content URLs.</summary>
public sealed record RouteCrawlJob(Guid CrawlId)
{
    public const string Kind = "route-crawl";
}

public sealed class RouteCrawlJobHandler(ContentRouting routing) : IJobHandler<RouteCrawlJob>
{
    public Task HandleAsync(RouteCrawlJob payload, JobContext context, CancellationToken cancellationToken) =>
        routing.RouteCrawlAsync(payload.CrawlId, cancellationToken);
}
