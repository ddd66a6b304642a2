using Clearline.HashLists;

namespace Clearline.Pages.HashLists;

/// <summary>The hash lists the person's organisation sees, with how much they hold and how often they are wrong.</summary>
[RequirePermission(Permission.ViewReports)]
public sealed class IndexModel(Caller asking, HashListDirectory lists) : PageModel
{
    public IReadOnlyList<HashListSummary> Lists { get; private set; } = [];

    public bool CanManage { get; private set; }

    public bool CanExport { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = HashListCaller.For(asking);

        Lists = await lists.ListAsync(caller.Viewer, ct);
        CanManage = asking.Has(Permission.ManageHashLists);
        CanExport = asking.Has(Permission.Export);
        return Page();
    }
}
