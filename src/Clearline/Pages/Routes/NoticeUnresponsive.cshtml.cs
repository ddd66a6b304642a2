using Clearline.Notices;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>
/// The hotline's "host unresponsive" queue: content still online after a notice and its reminder, for a police
/// referral (action "Reported to police", reason "Host unresponsive").
/// </summary>
[RequirePermission(Permission.Act)]
public sealed class NoticeUnresponsiveModel(Caller caller, RouteViewers viewers, NoticeQueries queries) : PageModel
{
    public UnresponsivePage Routes { get; private set; } = new([], null);

    public async Task OnGetAsync(Guid? cursor, CancellationToken ct) =>
        Routes = await queries.UnresponsiveAsync(await viewers.FindAsync(caller, ct), cursor, 50, ct);
}
