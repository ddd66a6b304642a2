using Clearline.AbuseContacts;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>On a route's page: the abuse contacts found by RDAP for its hosting network and its domain's registrar, and "Look up again".</summary>
/// <remarks>Shown to whoever sees the route (the contacts are public registry data); a route the caller does not see renders nothing.</remarks>
public sealed class AbuseContactsViewComponent(Caller caller, RouteViewers viewers, AbuseContactQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid routeId)
    {
        var ct = HttpContext.RequestAborted;
        var result = await queries.ForViewerAsync(await viewers.FindAsync(caller, ct), routeId, ct);
        return result.IsSuccess ? View(result.Value) : Content(string.Empty);
    }
}
