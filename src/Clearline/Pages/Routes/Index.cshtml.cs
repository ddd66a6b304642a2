using Clearline.Api;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Pages.Routes;

/// <summary>
/// The content URLs the hotline acts on, by queue (unactioned, awaiting re-check, offline, everything assigned) and,
/// for the coordinator and mandated hotlines, the orphaned queue with a Claim button; and routes withdrawn because their decision no longer holds, with why. Several content URLs on one host
/// are chosen with their checkboxes and get one action or one re-check together (<see cref="TakedownBatch"/>).
/// </summary>
/// <remarks>
/// People who act on content (<see cref="Permission.Act"/>). The queues hold only routes assigned to the person's
/// organisation, or orphaned ones for who may see them (<see cref="RouteViewer.MaySeeOrphans"/>); the orphaned tab
/// is refused to everyone else with the backend's reason.
/// </remarks>
[RequirePermission(Permission.Act)]
public sealed class IndexModel(
    Caller caller, RouteViewers viewers, RouteQueries routes, TakedownQueries takedowns, RouteRows rows, ContentRouting routing, TakedownBatch batch)
    : PageModel
{
    public const int PageSize = 50;

    public RouteTab Tab { get; private set; }

    public IReadOnlyList<RouteTab> Tabs { get; private set; } = [];

    public IReadOnlyList<RouteRow> Rows { get; private set; } = [];

    public Guid? NextCursor { get; private set; }

    /// <summary>The person's hotline is mandated to claim orphaned content (the coordinator assigns it instead, on the route's screen).</summary>
    public bool CanClaim { get; private set; }

    public bool IsFirstPage { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    /// <summary>The tab lets several content URLs be chosen for one action (not the orphaned queue: claim or assign first).</summary>
    public bool CanChoose => Tab is not (RouteTab.Orphaned or RouteTab.Withdrawn);

    /// <summary>The routes chosen for one action or re-check.</summary>
    [BindProperty]
    public List<Guid> RouteIds { get; set; } = [];

    [BindProperty]
    public ActionInput Batch { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? queue, Guid? after, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        if (RoutePages.Parse(queue ?? RoutePages.Name(RouteTab.Unactioned)) is not { } tab)
        {
            return NotFound();
        }

        if (await LoadAsync(viewer, tab, after, ct) is { } refused)
        {
            Error = refused.Message;
            return new PageResult { StatusCode = ErrorProblems.StatusCode(refused) };
        }

        return Page();
    }

    /// <summary>A mandated hotline takes orphaned content on; it then appears in its unactioned queue.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid routeId, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        var result = await routing.ClaimAsync(viewer, routeId, caller.Actor, ct);
        if (result.IsSuccess)
        {
            StatusMessage = "Claimed: the content is assigned to your hotline now.";
            return RedirectToPage("/Routes/Details", new { id = routeId });
        }

        if (result.Error is NotFoundError)
        {
            return NotFound();
        }

        // The orphaned queue is shown again with the reason; a hotline that may not see it gets the unactioned one.
        await LoadAsync(viewer, viewer.MaySeeOrphans ? RouteTab.Orphaned : RouteTab.Unactioned, null, ct);
        Error = result.Error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
    }

    /// <summary>One action, with its reason, for every content URL chosen (all on one host), or for none.</summary>
    public Task<IActionResult> OnPostBatchActionAsync(string? queue, CancellationToken ct)
    {
        if (Batch.Kind is not { } kind || Batch.Reason is not { } reason)
        {
            return RefuseAsync(queue, new InvalidError("Batch.Kind", "Choose an action and its reason for the content chosen."), ct);
        }

        if (!ActionReasons.IsAllowed(kind, reason))
        {
            return RefuseAsync(queue, new InvalidError("Batch.Reason", $"'{reason.Describe()}' is not a reason for '{kind.Describe()}'; choose one of its own."), ct);
        }

        return BatchAsync(queue, async (viewer, ct) =>
        {
            var result = await batch.RecordAsync(viewer, RouteIds, new NewAction(kind, reason, Batch.Note), caller.Actor, ct);
            return result.IsSuccess ? (Result<string>)$"{kind.Describe()}: recorded for {Count(result.Value.Count)}." : result.Error;
        }, ct);
    }

    /// <summary>Re-checks every content URL chosen now (each awaiting removal after a notice), or none.</summary>
    public Task<IActionResult> OnPostBatchRecheckAsync(string? queue, CancellationToken ct) =>
        BatchAsync(queue, async (viewer, ct) =>
        {
            var result = await batch.RecheckNowAsync(viewer, RouteIds, caller.Actor, ct);
            return result.IsSuccess ? (Result<string>)$"A re-check is queued for {Count(result.Value.Count)}; confirmed removals appear once they have run." : result.Error;
        }, ct);

    private static string Count(int routes) => routes == 1 ? "1 content URL" : $"{routes} content URLs";

    /// <summary>Runs a batch; on success back to the queue (post, redirect, get), else the queue with the reason and the choice kept.</summary>
    private async Task<IActionResult> BatchAsync(string? queue, Func<RouteViewer, CancellationToken, Task<Result<string>>> change, CancellationToken ct)
    {
        var result = await change(await viewers.FindAsync(caller, ct), ct);
        if (!result.IsSuccess)
        {
            return await RefuseAsync(queue, result.Error, ct);
        }

        StatusMessage = result.Value;
        return RedirectToPage(new { queue = RoutePages.Parse(queue) is { } tab ? RoutePages.Name(tab) : null });
    }

    private async Task<IActionResult> RefuseAsync(string? queue, Error error, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);
        var tab = RoutePages.Parse(queue) is { } chosen && RoutePages.Tabs(viewer).Contains(chosen) ? chosen : RouteTab.Unactioned;
        await LoadAsync(viewer, tab, null, ct);
        Error = error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(error) };
    }

    /// <summary>Loads one page of the tab; the error when the viewer may not see that queue.</summary>
    private async Task<Error?> LoadAsync(RouteViewer viewer, RouteTab tab, Guid? after, CancellationToken ct)
    {
        Tabs = RoutePages.Tabs(viewer);
        Tab = tab;
        CanClaim = viewer.MaySeeOrphans && !viewer.IsCoordinator;
        IsFirstPage = after is null;
        var page = tab switch
        {
            RouteTab.Unactioned => await TakedownPageAsync(viewer, TakedownQueue.Unactioned, after, ct),
            RouteTab.AwaitingRecheck => await TakedownPageAsync(viewer, TakedownQueue.AwaitingRecheck, after, ct),
            RouteTab.Offline => await TakedownPageAsync(viewer, TakedownQueue.Offline, after, ct),
            RouteTab.Assigned => await RoutePageAsync(viewer, RouteQueue.Assigned, after, ct),
            RouteTab.Orphaned => await RoutePageAsync(viewer, RouteQueue.Orphaned, after, ct),
            RouteTab.Withdrawn => await RoutePageAsync(viewer, RouteQueue.Withdrawn, after, ct),
            _ => throw new InvalidOperationException($"Unknown tab {tab}."),
        };
        if (!page.IsSuccess)
        {
            return page.Error;
        }

        NextCursor = page.Value.Next;
        Rows = await rows.ForAsync(viewer, page.Value.Ids, ct);
        return null;
    }

    private async Task<Result<IdPage>> TakedownPageAsync(RouteViewer viewer, TakedownQueue queue, Guid? after, CancellationToken ct)
    {
        var page = await takedowns.ListAsync(viewer, queue, after, PageSize, ct);
        return new IdPage([.. page.Items.Select(i => i.RouteId)], page.NextCursor);
    }

    private async Task<Result<IdPage>> RoutePageAsync(RouteViewer viewer, RouteQueue queue, Guid? after, CancellationToken ct)
    {
        var page = await routes.ListAsync(viewer, queue, after, PageSize, ct);
        return page.IsSuccess ? new IdPage([.. page.Value.Items.Select(i => i.Id)], page.Value.NextCursor) : page.Error;
    }

    private sealed record IdPage(IReadOnlyList<Guid> Ids, Guid? Next);
}
