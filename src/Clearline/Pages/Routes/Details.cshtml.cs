using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Classification;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Referrals;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Pages.Routes;

/// <summary>
/// One content URL: the original report's context, the media found there with its classification, its routing and
/// takedown history, and the forms to record an action, record that it moved, or re-check it for removal now.
/// </summary>
/// <remarks>
/// A route the organisation may not see (<see cref="RouteAccess.VisibleTo"/>) is "not found", like one that does
/// not exist. Only the assigned hotline (or the coordinator) acts; the forms are shown to it only, and a post by
/// anyone else is refused by the backend, whose reason the page shows with the status the API would answer
/// (403 not assigned, 409 closed or changed meanwhile, 400 invalid).
/// </remarks>
[RequirePermission(Permission.Act)]
public sealed class DetailsModel(
    Caller caller, RouteViewers viewers, RouteQueries routes, TakedownQueries takedowns, RouteRows rows, TakedownActions actions, ContentRouting routing,
    OrganisationDirectory organisations, ReferralQueries referrals, ReferralWork referralWork)
    : PageModel
{
    public RouteDetail Route { get; private set; } = null!;

    public TakedownView Takedown { get; private set; } = null!;

    /// <summary>The media item found at the URL, if the crawler stored one.</summary>
    public MediaItem? Media { get; private set; }

    /// <summary>The decisions in force for the media item, oldest first.</summary>
    public IReadOnlyList<MediaClassification> Classifications { get; private set; } = [];

    /// <summary>Organisation names for the history, by id.</summary>
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The person's organisation is the one that acts on the content now (or the coordinator).</summary>
    public bool CanAct { get; private set; }

    /// <summary>
    /// The forms to record actions show: <see cref="CanAct"/>, and the takedown is not closed (after Removed,
    /// Unavailable or NotIllegal only the coordinator records further actions).
    /// </summary>
    public bool CanRecord { get; private set; }

    /// <summary>The content is orphaned and the person's hotline is mandated to claim it.</summary>
    public bool CanClaim { get; private set; }

    /// <summary>The hotlines the coordinator may assign the content to; empty for everyone else.</summary>
    public IReadOnlyList<MemberHotline> Hotlines { get; private set; } = [];

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    [BindProperty]
    public MovedInput Moved { get; set; } = new();

    /// <summary>The hotline's referral of this content to police (null for those who did not refer it).</summary>
    public RouteReferral? Referral { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(await viewers.FindAsync(caller, ct), id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostActionAsync(Guid id, CancellationToken ct)
    {
        if (Input.Kind is not { } kind || Input.Reason is not { } reason)
        {
            ModelState.AddModelError("Input.Kind", "Choose an action and its reason.");
        }
        else if (!ActionReasons.IsAllowed(kind, reason))
        {
            ModelState.AddModelError("Input.Reason", $"'{reason}' is not a reason for {kind}; use one of {string.Join(", ", ActionReasons.For(kind))}.");
        }

        return ChangeAsync(id, "The action is recorded.", (viewer, ct) =>
            actions.RecordAsync(viewer, id, new NewAction(Input.Kind!.Value, Input.Reason!.Value, Input.Note), caller.Actor, ct), ct);
    }

    public Task<IActionResult> OnPostMovedAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "Recorded as moved: the content is routed to the hotline of its new country.", (viewer, ct) =>
            actions.RecordAsync(viewer, id, new NewAction(TakedownActionKind.Moved, ActionReason.HostingChanged, Moved.Note, Moved.CountryCode, Moved.IpAddress),
                caller.Actor, ct), ct);

    public Task<IActionResult> OnPostRecheckAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "A re-check is queued; a confirmed removal appears here once it has run.", (viewer, ct) =>
            actions.RecheckNowAsync(viewer, id, caller.Actor, ct), ct);

    /// <summary>The referring hotline writes to the police unit that received its referral.</summary>
    public Task<IActionResult> OnPostReferralMessageAsync(Guid id, string? body, CancellationToken ct) =>
        ChangeAsync(id, "The message is posted to the police unit.", async (viewer, ct) =>
            await referrals.ForRouteAsync(ReferralParty.For(caller), viewer, id, ct) is { Referral: { } referral }
                ? await referralWork.PostMessageAsync(ReferralParty.For(caller), referral.Id, body, ct)
                : new NotFoundError("No referral of this content by your hotline."), ct);

    /// <summary>The coordinator places orphaned content with a hotline, or corrects an assignment.</summary>
    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid? organisationId, CancellationToken ct) =>
        ChangeAsync(id, "The content is assigned to the chosen hotline.", async (viewer, ct) => organisationId is { } hotline
            ? await routing.AssignAsync(viewer, id, hotline, caller.Actor, ct)
            : new InvalidError("organisationId", "Choose the hotline to assign the content to."), ct);

    /// <summary>Runs a change; on success back to the page (post, redirect, get), else the page with the backend's reason.</summary>
    private async Task<IActionResult> ChangeAsync<T>(Guid id, string done, Func<RouteViewer, CancellationToken, Task<Result<T>>> change, CancellationToken ct)
    {
        var viewer = await viewers.FindAsync(caller, ct);

        if (!ModelState.IsValid)
        {
            return await LoadAsync(viewer, id, ct) ? new PageResult { StatusCode = StatusCodes.Status400BadRequest } : NotFound();
        }

        var result = await change(viewer, ct);
        if (result.IsSuccess)
        {
            StatusMessage = done;
            return RedirectToPage(new { id });
        }

        if (result.Error is NotFoundError || !await LoadAsync(viewer, id, ct))
        {
            return NotFound();
        }

        Error = result.Error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
    }

    private async Task<bool> LoadAsync(RouteViewer viewer, Guid id, CancellationToken ct)
    {
        if (await routes.FindAsync(viewer, id, ct) is not { } route || await takedowns.FindAsync(viewer, id, ct) is not { } takedown)
        {
            return false;
        }

        Route = route;
        Takedown = takedown;
        CanAct = route.State != RouteState.Withdrawn && (viewer.IsCoordinator || route.AssignedOrganisationId == viewer.OrganisationId);
        CanRecord = CanAct && (viewer.IsCoordinator || takedown.State.IsOpen());
        CanClaim = route.State == RouteState.Orphaned && viewer.MaySeeOrphans && !viewer.IsCoordinator;
        Hotlines = viewer.IsCoordinator && route.State != RouteState.Withdrawn ? await organisations.HotlinesAsync(ct) : [];

        var media = await rows.MediaAsync(viewer, id, ct);
        (Media, Classifications) = (media?.Item, media?.Classifications ?? []);

        var ids = route.History.SelectMany(e => new[] { e.ActorOrganisationId, e.FromOrganisationId, e.ToOrganisationId })
            .Concat(takedown.Actions.Select(a => a.OrganisationId)).Concat(Classifications.Select(c => c.OrganisationId))
            .OfType<Guid>().Distinct().ToList();
        Names = await organisations.NamesAsync(ids, ct);
        Referral = await referrals.ForRouteAsync(ReferralParty.For(caller), viewer, id, ct);
        return true;
    }

    public string NameOf(Guid? organisationId, string none) =>
        organisationId is { } known ? Names.GetValueOrDefault(known, "Unknown organisation") : none;

    /// <summary>Where the content is hosted now.</summary>
    public sealed class MovedInput
    {
        [Display(Name = "New hosting country (ISO code, e.g. DE)")]
        public string? CountryCode { get; set; }

        [Display(Name = "New IP address (optional)")]
        public string? IpAddress { get; set; }

        [Display(Name = "Note (optional)")]
        [StringLength(2000)]
        public string? Note { get; set; }
    }
}
