using Clearline.Api;
using Clearline.Reports;
using Clearline.Routing;

namespace Clearline.Pages.Reports;

/// <summary>One report: its context, its crawl's state and counts, or the first report it duplicates.</summary>
/// <remarks>Another organisation's report is "not found", exactly like one that does not exist.</remarks>
[RequirePermission(Permission.ViewReports)]
public sealed class DetailsModel(Caller caller, ReportQueries reports, RouteQueries routes, ReportOrigins origins) : PageModel
{
    public Report Report { get; private set; } = null!;

    public ReportOrigin? DuplicateOf { get; private set; }

    /// <summary>Whether the first report is this hotline's own (then it is linked; another hotline's is not).</summary>
    public bool FirstIsOwn { get; private set; }

    public ReportsApi.CrawlResponse? Crawl { get; private set; }

    /// <summary>The content URLs the crawl found and routed, each with the hotline that acts on it (the route screen opens it).</summary>
    public IReadOnlyList<RoutedContent> Routed { get; private set; } = [];

    /// <summary>The person acts on content, so the route screen opens for them (it refuses everyone else).</summary>
    public bool MayOpenRoutes => caller.Has(Permission.Act);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var organisation = caller.OrganisationId;
        if (await reports.FindAsync(organisation, id, ct) is not { } report)
        {
            return NotFound();
        }

        Report = report;
        DuplicateOf = await origins.OfAsync(report, ct);
        FirstIsOwn = DuplicateOf is { } origin && await reports.IsOwnAsync(organisation, origin.ReportId, ct);
        Crawl = await reports.CrawlAsync(report, ct) is { } crawl ? ReportsApi.CrawlResponse.From(crawl) : null;
        Routed = await routes.OfReportAsync(organisation, id, ct);
        return Page();
    }
}
