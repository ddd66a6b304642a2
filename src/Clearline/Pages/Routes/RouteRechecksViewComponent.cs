using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Pages.Routes;

/// <summary>
/// On a route's page: every re-check of the content URL with its outcome, and after a 404 (or 410…) that did not
/// confirm removal yet, how many more such failures confirm it.
/// </summary>
/// <remarks>For everyone who sees the route (<see cref="RouteRechecks"/> decides); nothing for anyone else.</remarks>
public sealed class RouteRechecksViewComponent(Caller caller, RouteViewers viewers, RouteRechecks rechecks) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid routeId)
    {
        var ct = HttpContext.RequestAborted;
        var result = await rechecks.ListAsync(await viewers.FindAsync(caller, ct), routeId, ct);
        return result.IsSuccess ? View(result.Value) : Content(string.Empty);
    }
}
