using Clearline.InvestigationHolds;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>On a route's page: the active investigation holds on its content, for the hotline it is assigned to.</summary>
/// <remarks>Everyone else who sees the route sees nothing of the holds (<see cref="RouteHoldNotices"/> decides).</remarks>
public sealed class InvestigationHoldViewComponent(Caller caller, RouteViewers viewers, RouteHoldNotices notices) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid routeId)
    {
        var ct = HttpContext.RequestAborted;
        var result = await notices.ForRouteAsync(await viewers.FindAsync(caller, ct), routeId, ct);
        return result.IsSuccess && result.Value.OnHold ? View(result.Value) : Content(string.Empty);
    }
}
