using Clearline.Routing;

namespace Clearline.Pages.Interpol;

/// <summary>
/// On a route's page, the escalation of its item for victim identification: its state and INTERPOL's feedback to the
/// reporting hotline. Nothing when the item was not escalated. Invoked as <c>Component.InvokeAsync("RouteEscalation", new { routeId })</c>.
/// </summary>
public sealed class RouteEscalationViewComponent(Caller caller, RouteViewers viewers, Clearline.Escalation.Escalations escalations) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid routeId)
    {
        var result = await escalations.ForRouteAsync(await viewers.FindAsync(caller, HttpContext.RequestAborted), routeId, HttpContext.RequestAborted);
        return result.IsSuccess && result.Value.Escalation is { } view ? View(view) : Content("");
    }
}
