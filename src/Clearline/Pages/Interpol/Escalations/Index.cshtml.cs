using Clearline.Escalation;
using Clearline.LawEnforcement;

namespace Clearline.Pages.Interpol.Escalations;

/// <summary>INTERPOL's victim identification queue: open escalations first by priority (with the reasons), then taken, identified and closed.</summary>
/// <remarks>INTERPOL officers only; the items are shown blurred through the portals' item partial.</remarks>
[RequirePermission(Permission.IdentifyVictims)]
public sealed class IndexModel(Caller caller, Clearline.Escalation.Escalations escalations) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<EscalationView> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool CanReveal => caller.Has(Permission.ViewContent);

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        var result = await escalations.ListAsync(Officer.For(caller), state: null, cursor, PageSize, ct);
        if (!result.IsSuccess)
        {
            return StatusCode(Api.ErrorProblems.StatusCode(result.Error!));
        }

        Items = result.Value!.Items;
        NextCursor = result.Value.NextCursor;
        return Page();
    }
}
