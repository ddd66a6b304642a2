using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Events;
using Clearline.Jobs;

namespace Clearline.Routing;

/// <summary>
/// The durable job, queued with a crawl's completion (<see cref="RouteCompletedCrawls"/>), that routes the crawl's
/// content URLs whose item is decided illegal by then.
/// </summary>
public sealed record RouteCrawlJob(Guid CrawlId)
{
    public const string Kind = "route-crawl";
}

public sealed class RouteCrawlJobHandler(IllegalContentRouting routing) : IJobHandler<RouteCrawlJob>
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

/// <summary>
/// The durable job, queued when the decisions on an item change (<see cref="RouteDecidedItems"/>), that reviews every
/// content URL of the item across all reports: opens, reinstates, re-labels or withdraws their routes.
/// </summary>
public sealed record RouteItemJob(string MediaSha256, DecisionChange Change, Guid? ChangedBy)
{
    public const string Kind = "route-item";
}

public sealed class RouteItemJobHandler(IllegalContentRouting routing) : IJobHandler<RouteItemJob>
{
    public Task HandleAsync(RouteItemJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return routing.RouteItemAsync(payload.MediaSha256, payload.Change, payload.ChangedBy, cancellationToken);
    }
}

/// <summary>Queues the review of an item's routes in the unit of work that changed its decisions.</summary>
/// <remarks>Queued without an organisation: the item's URLs belong to every hotline that found it.</remarks>
public sealed class RouteDecidedItems(JobQueue jobs) : IEventObserver<ItemDecisionChanged>
{
    public Task OnAsync(ItemDecisionChanged happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        jobs.Enqueue(RouteItemJob.Kind, new RouteItemJob(happened.MediaSha256, happened.Change, happened.OrganisationId));
        return Task.CompletedTask;
    }
}
