using System.Globalization;
using Clearline.Classification;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Security;
using Clearline.Takedown;
using Microsoft.AspNetCore.Mvc;

namespace Clearline.Pages.Shared;

/// <summary>One queue in the layout: its name, its size in words ("12", "100+"), where it opens and a stable id.</summary>
public sealed record QueueSize(string Id, string Name, string Count, string Href);

/// <summary>
/// The analyst's queue sizes at a glance, in the layout of every page: unassessed, unactioned, awaiting re-check,
/// offline and, for the coordinator and mandated hotlines, orphaned.
/// </summary>
/// <remarks>
/// Only for people who act on content (<see cref="Permission.Act"/>); the unassessed count also needs
/// <see cref="Permission.Classify"/>. Each count reads at most one page of its queue through the queue's own service
/// (so it counts exactly what the queue shows) and says "N+" beyond that, so a full queue costs no more than a
/// page of it.
/// </remarks>
public sealed class QueueSizesViewComponent(
    RequestCaller requestCaller, RouteViewers viewers, AssessmentQueue assessment, TakedownQueries takedowns, RouteQueries routes) : ViewComponent
{
    /// <summary>The most items of a queue counted; beyond it the count reads "100+".</summary>
    public const int Cap = 100;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;

        // The layout shows on signed-out pages too: no caller, no queues.
        if (requestCaller.Current is not { } caller || !caller.Has(Permission.Act))
        {
            return Content(string.Empty);
        }

        var viewer = await viewers.FindAsync(caller, ct);

        var sizes = new List<QueueSize>();
        if (viewer.Kind == OrganisationKind.Hotline)
        {
            if (caller.Has(Permission.Classify))
            {
                var assessor = Assessor.For(caller);
                var page = await assessment.PageAsync(assessor.ListViewer, assessor.CountryCode, null, Cap, ct);
                if (page.IsSuccess)
                {
                    sizes.Add(new("queue-unassessed", "Unassessed", Words(page.Value.Items.Count, page.Value.NextCursor is not null), "/Assessment"));
                }
            }

            sizes.Add(await TakedownAsync(viewer, TakedownQueue.Unactioned, "queue-unactioned", "Unactioned", "unactioned", ct));
            sizes.Add(await TakedownAsync(viewer, TakedownQueue.AwaitingRecheck, "queue-awaiting-recheck", "Awaiting re-check", "awaiting-recheck", ct));
            sizes.Add(await TakedownAsync(viewer, TakedownQueue.Offline, "queue-offline", "Offline", "offline", ct));
        }

        if (viewer.MaySeeOrphans && await routes.ListAsync(viewer, RouteQueue.Orphaned, null, Cap, ct) is { IsSuccess: true } orphaned)
        {
            sizes.Add(new("queue-orphaned", "Orphaned", Words(orphaned.Value.Items.Count, orphaned.Value.NextCursor is not null), "/Routes?queue=orphaned"));
        }

        return View(sizes);
    }

    private async Task<QueueSize> TakedownAsync(RouteViewer viewer, TakedownQueue queue, string id, string name, string tab, CancellationToken ct)
    {
        var page = await takedowns.ListAsync(viewer, queue, null, Cap, ct);
        return new QueueSize(id, name, Words(page.Items.Count, page.NextCursor is not null), $"/Routes?queue={tab}");
    }

    private static string Words(int count, bool more) => more ? $"{count}+" : count.ToString(CultureInfo.InvariantCulture);
}
