using Clearline.HashLists;

namespace Clearline.Pages.HashLists;

/// <summary>The coordinator's review of members' requests for network-wide automatic classification.</summary>
/// <remarks>
/// Only people who manage the network reach the page; the use case refuses again any organisation that is not the
/// coordinator. Each decision names the request it was shown for, so a newer request is never decided unseen.
/// </remarks>
[RequirePermission(Permission.ManageNetwork)]
public sealed class ApprovalsModel(Caller asking, HashListApprovals approvals) : PageModel
{
    public IReadOnlyList<ApprovalRequest> Pending { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Pending = await approvals.PendingAsync(HashListViewer.For(asking), ct);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid listId, Guid? requestId, CancellationToken ct) =>
        DecideAsync(approvals.ApproveAsync(listId, requestId, HashListCaller.For(asking), ct), "approved: it classifies automatically with this mapping", ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid listId, Guid? requestId, string? reason, CancellationToken ct) =>
        DecideAsync(approvals.RefuseAsync(listId, requestId, reason, HashListCaller.For(asking), ct), "refused: it goes on suggesting", ct);

    private async Task<IActionResult> DecideAsync(Task<Result<HashList>> deciding, string outcome, CancellationToken ct)
    {
        var result = await deciding;
        switch (result.Error)
        {
            case null:
                StatusMessage = $"'{result.Value!.Name}' {outcome}.";
                return RedirectToPage();
            case NotFoundError:
                return NotFound();
            case RefusedError:
                return Forbid();
            default:
                Error = result.Error.Message;
                return await OnGetAsync(ct);
        }
    }
}
