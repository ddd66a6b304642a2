using Clearline.Organisations;

namespace Clearline.Pages;

/// <summary>The start page: who you are signed in as, for which organisation, and where to go.</summary>
public sealed class IndexModel(Caller caller, OrganisationDirectory organisations) : PageModel
{
    public Organisation? Organisation { get; private set; }

    public Role? Role { get; private set; }

    public bool CanManageSystem => Role is { } role && RolePermissions.Has(role, Permission.ManageSystem);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The organisation comes from the session (the Person policy guarantees it), never from input.
        Organisation = await organisations.FindAsync(caller.OrganisationId, ct);
        Role = caller.Role;
        return Organisation is null ? Forbid() : Page();
    }

    public static string Describe(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Hotline => "Hotline",
        OrganisationKind.LawEnforcement => "Law enforcement",
        OrganisationKind.Interpol => "INTERPOL",
        OrganisationKind.Coordinator => "Network coordinator",
        OrganisationKind.Industry => "Industry partner",
        _ => kind.ToString(),
    };
}
