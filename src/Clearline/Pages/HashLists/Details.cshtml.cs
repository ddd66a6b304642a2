using Clearline.HashLists;
using Clearline.Organisations;

namespace Clearline.Pages.HashLists;

/// <summary>One list: its settings, mapping and figures, and its entries, which its owner can tombstone.</summary>
/// <remarks>
/// Anyone who may view reports sees a visible list; a list the organisation cannot see is not found. Tombstoning
/// needs <see cref="Permission.ManageHashLists"/> and an organisation that owns the list (checked again by
/// <see cref="HashListDirectory"/>).
/// </remarks>
[RequirePermission(Permission.ViewReports)]
public sealed class DetailsModel(Caller asking, HashListDirectory lists, HashListApprovals approvals) : PageModel
{
    public const int EntriesPerPage = 50;

    public HashListSummary Summary { get; private set; } = null!;

    public KnownHashPage Entries { get; private set; } = new([], null);

    /// <summary>The person may tombstone entries and import into this list.</summary>
    public bool CanManage { get; private set; }

    /// <summary>The person may open the settings (the owner's managers; for the network list, the coordinator).</summary>
    public bool CanEdit { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, long? before, CancellationToken ct) =>
        await LoadAsync(id, before, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTombstoneAsync(Guid id, long entryId, string? reason, CancellationToken ct)
    {
        if (!asking.Has(Permission.ManageHashLists))
        {
            return Forbid();
        }

        var caller = HashListCaller.For(asking);

        var result = await lists.TombstoneAsync(id, entryId, reason, caller, ct);
        return await AnswerAsync(id, result.Error, $"Entry {entryId} is tombstoned: it no longer matches.", ct);
    }

    /// <summary>The owner asks the coordinator to let the list classify automatically with its current mapping.</summary>
    public async Task<IActionResult> OnPostRequestApprovalAsync(Guid id, CancellationToken ct)
    {
        if (!asking.Has(Permission.ManageHashLists))
        {
            return Forbid();
        }

        var result = await approvals.RequestAsync(id, HashListCaller.For(asking), ct);
        return await AnswerAsync(id, result.Error, "Approval requested: the list suggests until the coordinator approves this mapping.", ct);
    }

    /// <summary>Back to the list with <paramref name="done"/>, or the page again with the error.</summary>
    private async Task<IActionResult> AnswerAsync(Guid id, Error? error, string done, CancellationToken ct)
    {
        switch (error)
        {
            case null:
                StatusMessage = done;
                return RedirectToPage(new { id });
            case NotFoundError:
                return NotFound();
            case NotListManager:
                return Forbid();
            default:
                Error = error.Message;
                return await LoadAsync(id, null, ct) ? Page() : NotFound();
        }
    }

    /// <summary>The approval state in words, for the settings.</summary>
    public static string ApprovalText(HashList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.OwnerOrganisationId is null)
        {
            return "Kept by Clearline; the coordinator tunes it";
        }

        return list.Approval switch
        {
            HashListApproval.Requested => $"Requested {HashListPages.Date(list.ApprovalRequestedAt)}: it suggests until the coordinator decides",
            HashListApproval.Approved => $"Approved by the coordinator {HashListPages.Date(list.ApprovalDecidedAt)}",
            HashListApproval.Refused => $"Refused by the coordinator {HashListPages.Date(list.ApprovalDecidedAt)}: {list.ApprovalNote}",
            _ when list.Trust == HashListTrust.AutoClassify => "Not requested: it only suggests until the coordinator approves it",
            _ => "Not requested",
        };
    }

    private async Task<bool> LoadAsync(Guid id, long? before, CancellationToken ct)
    {
        var caller = HashListCaller.For(asking);
        if (await lists.GetAsync(id, caller.Viewer, ct) is not { } summary)
        {
            return false;
        }

        Summary = summary;
        Entries = await lists.ListEntriesAsync(id, caller.Viewer, before, EntriesPerPage, newestFirst: true, ct) ?? new([], null);
        var manager = asking.Has(Permission.ManageHashLists);
        CanManage = manager && summary.List.IsManagedBy(caller.Viewer.OrganisationId);
        CanEdit = CanManage || (manager && summary.List.Id == HashList.NetworkListId && caller.Viewer.Kind == OrganisationKind.Coordinator);
        return true;
    }
}
