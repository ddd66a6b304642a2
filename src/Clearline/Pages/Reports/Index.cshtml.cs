using Clearline.Crawling;
using Clearline.Reports;

namespace Clearline.Pages.Reports;

/// <summary>The hotline's reports, newest first, a page at a time, with each one's crawl state or the report it duplicates.</summary>
/// <remarks>Only the signed-in person's organisation's reports; of a first report by another hotline only its name and date show.</remarks>
[RequirePermission(Permission.ViewReports)]
public sealed class IndexModel(Caller caller, ReportQueries queries, ReportOrigins origins) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<Report> Reports { get; private set; } = [];

    public IReadOnlyDictionary<Guid, CrawlState> CrawlStates { get; private set; } = new Dictionary<Guid, CrawlState>();

    public IReadOnlyDictionary<Guid, ReportOrigin> Origins { get; private set; } = new Dictionary<Guid, ReportOrigin>();

    public int PageNumber { get; private set; }

    public bool HasNext { get; private set; }

    public async Task OnGetAsync(CancellationToken ct, int p = 1)
    {
        PageNumber = Math.Max(p, 1);
        var page = await queries.ListAsync(caller.OrganisationId, PageNumber, PageSize, ct);
        (Reports, HasNext) = (page.Reports, page.HasNext);
        CrawlStates = await queries.CrawlStatesAsync([.. Reports.Select(r => r.Id)], ct);
        Origins = await origins.OfAsync(Reports, ct);
    }
}
