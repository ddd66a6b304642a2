using Clearline.AbuseContacts;
using Clearline.Api;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>"Look up again" on a route's abuse contacts: queues a fresh RDAP lookup and returns to the route.</summary>
/// <remarks>
/// Whoever works routes (<see cref="Permission.Act"/>) and sees this one may ask; a route the organisation does not see
/// answers 404, like one that does not exist.
/// </remarks>
[RequirePermission(Permission.Act)]
public sealed class AbuseContactsModel(Caller caller, RouteViewers viewers, AbuseContactLookups lookups) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet(Guid id) => RedirectToPage("/Routes/Details", new { id });

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await lookups.RequestAsync(await viewers.FindAsync(caller, ct), id, caller.Actor, ct);
        if (!result.IsSuccess)
        {
            if (result.Error is NotFoundError)
            {
                return NotFound();
            }

            Error = result.Error.Message;
            return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
        }

        StatusMessage = "The abuse contacts are being looked up again; the answers appear here once the lookup has run.";
        return RedirectToPage("/Routes/Details", new { id });
    }
}
