using Clearline.Crawling;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Reports;
using Clearline.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Pages.Reports;

/// <summary>The hotline's reports, newest first, a page at a time, with each one's crawl state or the report it duplicates.</summary>
/// <remarks>Only the signed-in person's organisation's reports; of a first report by another hotline only its name and date show.</remarks>
[Authorize(Policy = "Permission:" + nameof(Permission.ViewReports))]
public sealed class IndexModel(ClearlineDbContext db, ReportOrigins origins) : PageModel
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
        var organisation = User.OrganisationId();
        var reports = await db.Set<Report>().AsNoTracking().Where(r => r.OrganisationId == organisation)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNext = reports.Count > PageSize;
        Reports = [.. reports.Take(PageSize)];
        var ids = Reports.Select(r => r.Id).ToList();
        CrawlStates = await db.Set<Crawl>().AsNoTracking().Where(c => ids.Contains(c.ReportId)).ToDictionaryAsync(c => c.ReportId, c => c.State, ct);
        Origins = await origins.OfAsync(Reports, ct);
    }
}
