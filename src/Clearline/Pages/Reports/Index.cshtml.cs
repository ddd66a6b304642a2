using Clearline.Api;
using Clearline.Crawling;
using Clearline.Reports;

namespace Clearline.Pages.Reports;

/// <summary>
/// The hotline's reports, newest first, a page at a time, with each one's stage and crawl state or the report it
/// duplicates; filtered by stage, status and the no-reference queue (<c>/Reports?stage=…&amp;status=…&amp;queue=no-reference</c>).
/// </summary>
/// <remarks>Only the signed-in person's organisation's reports; of a first report by another hotline only its name and date show.</remarks>
[RequirePermission(Permission.ViewReports)]
public sealed class IndexModel(Caller caller, ReportQueries queries, ReportOrigins origins) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<Report> Reports { get; private set; } = [];

    public IReadOnlyDictionary<Guid, CrawlState> CrawlStates { get; private set; } = new Dictionary<Guid, CrawlState>();

    public IReadOnlyDictionary<Guid, ReportOrigin> Origins { get; private set; } = new Dictionary<Guid, ReportOrigin>();

    public IReadOnlyDictionary<Guid, ReportStage> Stages { get; private set; } = new Dictionary<Guid, ReportStage>();

    public ReportFilter Filter { get; private set; } = ReportFilter.None;

    public string? FilterError { get; private set; }

    public int PageNumber { get; private set; }

    public bool HasNext { get; private set; }

    public async Task OnGetAsync(CancellationToken ct, int p = 1, string? stage = null, string? status = null, string? queue = null)
    {
        PageNumber = Math.Max(p, 1);
        var filter = ReportsApi.ParseFilter(stage, status, queue);
        if (filter.IsSuccess)
        {
            Filter = filter.Value;
        }
        else
        {
            FilterError = filter.Error.Message + " All reports are shown.";
        }

        var page = await queries.ListAsync(caller.OrganisationId, Filter, PageNumber, PageSize, ct);
        (Reports, HasNext) = (page.Reports, page.HasNext);
        var ids = Reports.Select(r => r.Id).ToList();
        CrawlStates = await queries.CrawlStatesAsync(ids, ct);
        Origins = await origins.OfAsync(Reports, ct);
        Stages = await queries.StagesAsync(ids, ct);
    }

    /// <summary>The query values of the filter, for links to other pages of the same list.</summary>
    public Dictionary<string, string> RouteValues(int page)
    {
        var values = new Dictionary<string, string> { ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Filter.Stage is { } stage)
        {
            values["stage"] = stage.ToString();
        }

        if (Filter.Status is { } status)
        {
            values["status"] = status.ToString();
        }

        if (Filter.Queue is not null)
        {
            values["queue"] = "no-reference";
        }

        return values;
    }
}
