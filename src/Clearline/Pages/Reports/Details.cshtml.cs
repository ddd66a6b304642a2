using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Reports;
using Clearline.Routing;

namespace Clearline.Pages.Reports;

/// <summary>One report: its stage, its context (editable), its crawl's state and counts, or the first report it duplicates.</summary>
/// <remarks>
/// Another organisation's report is "not found", exactly like one that does not exist. The context form shows to
/// those who submit reports (<see cref="Permission.SubmitReports"/>); a post by anyone else is refused with 403.
/// </remarks>
[RequirePermission(Permission.ViewReports)]
public sealed class DetailsModel(Caller caller, ReportQueries reports, RouteQueries routes, ReportOrigins origins, ReportContexts contexts) : PageModel
{
    public Report Report { get; private set; } = null!;

    public ReportOrigin? DuplicateOf { get; private set; }

    /// <summary>Whether the first report is this hotline's own (then it is linked; another hotline's is not).</summary>
    public bool FirstIsOwn { get; private set; }

    public ReportsApi.CrawlResponse? Crawl { get; private set; }

    public ReportStage Stage { get; private set; }

    /// <summary>The content URLs the crawl found and routed, each with the hotline that acts on it (the route screen opens it).</summary>
    public IReadOnlyList<RoutedContent> Routed { get; private set; } = [];

    /// <summary>The person acts on content, so the route screen opens for them (it refuses everyone else).</summary>
    public bool MayOpenRoutes => caller.Has(Permission.Act);

    /// <summary>The person submits reports, so may edit their context.</summary>
    public bool MayEdit => caller.Has(Permission.SubmitReports);

    [BindProperty]
    public ContextInput Context { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Context = ContextInput.From(Report);
        return Page();
    }

    public async Task<IActionResult> OnPostContextAsync(Guid id, CancellationToken ct)
    {
        if (!MayEdit)
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            var result = await contexts.EditAsync(caller.OrganisationId, caller.Actor, id, Context.ToEdit(), ct);
            if (result.IsSuccess)
            {
                StatusMessage = "The report's context is saved.";
                return RedirectToPage(new { id });
            }

            if (result.Error is NotFoundError)
            {
                return NotFound();
            }

            ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Context."), result.Error.Message);
        }

        return await LoadAsync(id, ct) ? new PageResult { StatusCode = StatusCodes.Status400BadRequest } : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var organisation = caller.OrganisationId;
        if (await reports.FindAsync(organisation, id, ct) is not { } report)
        {
            return false;
        }

        Report = report;
        DuplicateOf = await origins.OfAsync(report, ct);
        FirstIsOwn = DuplicateOf is { } origin && await reports.IsOwnAsync(organisation, origin.ReportId, ct);
        Crawl = await reports.CrawlAsync(report, ct) is { } crawl ? ReportsApi.CrawlResponse.From(crawl) : null;
        Stage = (await reports.StagesAsync([id], ct))[id];
        Routed = await routes.OfReportAsync(organisation, id, ct);
        return true;
    }

    /// <summary>The editable context of a report, as the form posts it.</summary>
    public sealed class ContextInput
    {
        [Display(Name = "Hotline reference")]
        [StringLength(ReportLimits.MaxReferenceLength)]
        public string? HotlineReference { get; set; }

        [StringLength(ReportLimits.MaxMemoLength)]
        public string? Memo { get; set; }

        [Display(Name = "Site type")]
        public SiteType SiteType { get; set; }

        public Commerciality Commerciality { get; set; }

        [Display(Name = "Payment methods")]
        public List<PaymentMethods> PaymentMethods { get; set; } = [];

        public static ContextInput From(Report report) => new()
        {
            HotlineReference = report.HotlineReference,
            Memo = report.Memo,
            SiteType = report.SiteType,
            Commerciality = report.Commerciality,
            PaymentMethods = [.. Enum.GetValues<PaymentMethods>().Where(m => m != Clearline.Reports.PaymentMethods.None && report.PaymentMethods.HasFlag(m))],
        };

        public ReportContextEdit ToEdit() => new(
            HotlineReference, Memo, SiteType, Commerciality, PaymentMethods.Aggregate(Clearline.Reports.PaymentMethods.None, (all, one) => all | one));
    }
}
