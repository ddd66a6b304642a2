using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>
/// On a route's page, for content behind a CDN: the "Behind a CDN" flag, the origin recorded so far, and for the
/// assigned hotline (or the coordinator) the form to record the origin host learned from the CDN. Nothing for
/// content that is not behind a CDN. Invoked as <c>Component.InvokeAsync("CdnOrigin", new { routeId })</c>.
/// </summary>
public sealed class CdnOriginViewComponent(Caller caller, RouteViewers viewers, CdnOrigins origins) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid routeId)
    {
        var ct = HttpContext.RequestAborted;
        var view = await origins.ForRouteAsync(await viewers.FindAsync(caller, ct), routeId, ct);
        return view is { BehindCdn: true } ? View(new CdnOriginForm(view, new OriginInput())) : Content(string.Empty);
    }
}

/// <summary>The section's model: the route's CDN facts and the form's values (kept after a refused post).</summary>
public sealed record CdnOriginForm(CdnOriginView View, OriginInput Input, string? Error = null);
