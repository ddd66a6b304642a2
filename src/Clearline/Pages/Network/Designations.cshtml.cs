using Clearline.Api;
using Clearline.Organisations;
using Clearline.Routing;

namespace Clearline.Pages.Network;

/// <summary>Which hotline receives the content hosted in each country, and the coordinator's form to change it.</summary>
/// <remarks>
/// Only people who manage the network (<see cref="Permission.ManageNetwork"/>); <see cref="HotlineDesignations"/>
/// refuses anyone outside the coordinator again, and that a hotline may only be designated for its own country.
/// </remarks>
[RequirePermission(Permission.ManageNetwork)]
public sealed class DesignationsModel(Caller caller, OrganisationDirectory organisations, RouteViewers viewers, HotlineDesignations designations) : PageModel
{
    public IReadOnlyList<DesignationView> Designations { get; private set; } = [];

    public IReadOnlyList<MemberHotline> Hotlines { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? countryCode, Guid? organisationId, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = organisationId is { } hotline
            ? await designations.SetAsync(viewer, countryCode ?? "", hotline, caller.Actor, ct)
            : new InvalidError("organisationId", "Choose the hotline to designate.");
        if (result.IsSuccess)
        {
            StatusMessage = $"{result.Value.OrganisationName} now receives the content hosted in {result.Value.CountryCode}.";
            return RedirectToPage();
        }

        await LoadAsync(ct);
        Error = result.Error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Designations = await designations.ListAsync(ct);
        Hotlines = await organisations.HotlinesAsync(ct);
    }
}
