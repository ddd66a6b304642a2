using Clearline.Organisations;

namespace Clearline.Pages;

/// <summary>
/// The home page: what waits for the person today (the queue sizes their role works on, each opening its queue), who
/// they are signed in as, for which organisation, and their screens.
/// </summary>
public sealed class IndexModel(Caller caller, OrganisationDirectory organisations) : PageModel
{
    public Organisation? Organisation { get; private set; }

    public Role? Role => caller.Role;

    /// <summary>The person acts on content, so queues wait for them (the layout's queue sizes, as figures here).</summary>
    public bool HasQueues => caller.Has(Permission.Act);

    public bool Has(Permission permission) => caller.Has(permission);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The organisation comes from the session (the Person policy guarantees it), never from input.
        Organisation = await organisations.FindAsync(caller.OrganisationId, ct);
        return Organisation is null ? Forbid() : Page();
    }
}
