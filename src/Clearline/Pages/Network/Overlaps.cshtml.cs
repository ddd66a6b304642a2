using Clearline.Deconfliction;

namespace Clearline.Pages.Network;

/// <summary>The coordinator's view of deconfliction: every current overlap of organisations' interests (on what, who, since when).</summary>
/// <remarks>Only people who manage the network; <see cref="Overlaps.ListAsync"/> refuses anyone else again.</remarks>
[RequirePermission(Permission.ManageNetwork)]
public sealed class OverlapsModel(Caller caller, Overlaps overlaps) : PageModel
{
    public IReadOnlyList<NetworkOverlap> Current { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await overlaps.ListAsync(caller, ct);
        if (!result.IsSuccess)
        {
            return Forbid();
        }

        Current = result.Value!;
        return Page();
    }
}
