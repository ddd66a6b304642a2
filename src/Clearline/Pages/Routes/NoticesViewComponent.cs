using Clearline.Notices;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>
/// On a route's page: its notices to the host and reminders with their delivery state (the notice timeline), the
/// "host unresponsive" flag with the suggestion to refer to police, and the link to compose a notice.
/// </summary>
public sealed class NoticesViewComponent(Caller caller, RouteViewers viewers, NoticeQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid routeId)
    {
        var ct = HttpContext.RequestAborted;
        var result = await queries.ForRouteAsync(await viewers.FindAsync(caller, ct), routeId, ct);
        return result.IsSuccess ? View(result.Value) : Content(string.Empty);
    }
}
