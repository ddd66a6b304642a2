using Clearline.Crawling;
using Clearline.Events;
using Clearline.Jobs;

namespace Clearline.Routing;

/// <summary>The durable job, queued with a crawl's completion (<see cref="RouteCompletedCrawls"/>), that routes the crawl's content URLs.</summary>
public sealed record RouteCrawlJob(Guid CrawlId)
{
    public const string Kind = "route-crawl";
}

public sealed class RouteCrawlJobHandler(ContentRouting routing) : IJobHandler<RouteCrawlJob>
{
    public Task HandleAsync(RouteCrawlJob payload, JobContext context, CancellationToken cancellationToken) =>
        routing.RouteCrawlAsync(payload.CrawlId, cancellationToken);
}

/// <summary>Queues the routing of a crawl when it completes, in the completion's unit of work.</summary>
public sealed class RouteCompletedCrawls(JobQueue jobs) : IEventObserver<CrawlCompleted>
{
    public Task OnAsync(CrawlCompleted happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        jobs.Enqueue(RouteCrawlJob.Kind, new RouteCrawlJob(happened.CrawlId), happened.OrganisationId);
        return Task.CompletedTask;
    }
}
