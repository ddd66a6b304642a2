using Clearline.Api;
using Clearline.Organisations;
using Clearline.Routing;

namespace Clearline.Pages.Network;

/// <summary>The hotlines the coordinator mandates to claim orphaned content, with grant and withdraw buttons.</summary>
/// <remarks>
/// Only people who manage the network (<see cref="Permission.ManageNetwork"/>); <see cref="OrphanMandates"/> refuses
/// anyone outside the coordinator again, because a mandate opens other hotlines' report context to the hotline.
/// </remarks>
[RequirePermission(Permission.ManageNetwork)]
public sealed class MandatesModel(Caller caller, OrganisationDirectory organisations, RouteViewers viewers, OrphanMandates mandates) : PageModel
{
    public IReadOnlyList<MemberHotline> Hotlines { get; private set; } = [];

    /// <summary>When each mandated hotline was mandated, by its id.</summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset> Mandated { get; private set; } = new Dictionary<Guid, DateTimeOffset>();

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostGrantAsync(Guid organisationId, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = await mandates.GrantAsync(viewer, organisationId, caller.Actor, ct);
        return await DoneAsync(result.Error, "The hotline is mandated: it sees the orphaned queue and may claim from it.", ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid organisationId, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = await mandates.RevokeAsync(viewer, organisationId, caller.Actor, ct);
        return await DoneAsync(result.Error, "The mandate is withdrawn; content the hotline already claimed stays with it.", ct);
    }

    private async Task<IActionResult> DoneAsync(Results.Error? error, string done, CancellationToken ct)
    {
        if (error is null)
        {
            StatusMessage = done;
            return RedirectToPage();
        }

        await LoadAsync(ct);
        Error = error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(error) };
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Hotlines = await organisations.HotlinesAsync(ct);
        Mandated = await mandates.ListAsync(ct);
    }
}
