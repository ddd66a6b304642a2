using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>On a report's page: the pages its crawl fetched, each with "Mark this page illegal" (ICCAM's website type).</summary>
/// <remarks>Only for people who classify (<see cref="Permission.Classify"/>), and only the hotline's own report's pages.</remarks>
public sealed class WebsitePagesViewComponent(Caller caller, WebsiteDecisions decisions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid reportId)
    {
        if (!caller.Has(Permission.Classify))
        {
            return Content(string.Empty);
        }

        var pages = await decisions.PagesOfReportAsync(caller, reportId, HttpContext.RequestAborted);
        return pages.Count == 0 ? Content(string.Empty) : View(pages);
    }
}
