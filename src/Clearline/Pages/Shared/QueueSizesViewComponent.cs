using System.Globalization;
using Clearline.Classification;
using Clearline.LawEnforcement;
using Clearline.Organisations;
using Clearline.PublicReporting;
using Clearline.Referrals;
using Clearline.Routing;
using Clearline.Takedown;
using Microsoft.Extensions.Caching.Memory;

namespace Clearline.Pages.Shared;

/// <summary>One queue in the layout: its name, its size in words ("12", "100+"), where it opens, a stable id and what waits in it.</summary>
public sealed record QueueSize(string Id, string Name, string Count, string Href, string What);

/// <summary>
/// The queue sizes at a glance, in the layout of every page and on the home page (the <c>Today</c> view): for an
/// analyst public report URLs in triage, unassessed and second opinions waiting, unactioned, awaiting re-check, offline and, for the coordinator and
/// mandated hotlines, orphaned; for a police officer the new referrals; for INTERPOL the open escalations.
/// </summary>
/// <remarks>
/// Only for people who act on content (<see cref="Permission.Act"/>), work referrals or identify victims; the unassessed count also needs
/// <see cref="Permission.Classify"/>. Each count goes through the queue's own service (so it counts exactly what the
/// queue shows) and stops after <see cref="Cap"/> + 1 rows, saying "100+" beyond; the sizes are kept per person for
/// <see cref="Lifetime"/>, so clicking through pages costs no counts. A size may lag by that much; the queue itself
/// is always current.
/// </remarks>
public sealed class QueueSizesViewComponent(
    RequestCaller requestCaller, RouteViewers viewers, AssessmentQueue assessment, SecondOpinions secondOpinions, TakedownQueries takedowns,
    RouteQueries routes, ReferralQueries referrals, Clearline.Escalation.Escalations escalations, TriageQueue triage, IMemoryCache cache) : ViewComponent
{
    /// <summary>The most items of a queue counted; beyond it the count reads "100+".</summary>
    public const int Cap = 100;

    /// <summary>How long a person's sizes are kept before they are counted again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(20);

    /// <param name="view"><c>Default</c> (the layout's bar) or <c>Today</c> (the home page's figures).</param>
    public async Task<IViewComponentResult> InvokeAsync(string view)
    {
        // The layout shows on signed-out pages too: no caller, no queues.
        if (requestCaller.Current is not { } caller
            || !(caller.Has(Permission.Act) || caller.Has(Permission.WorkReferrals) || caller.Has(Permission.IdentifyVictims)))
        {
            return Content(string.Empty);
        }

        var sizes = await cache.GetOrCreateAsync((nameof(QueueSizesViewComponent), caller.OrganisationId, caller.UserId, caller.Role), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return CountAsync(caller, HttpContext.RequestAborted);
        });
        return sizes is { Count: > 0 } ? View(view == "Today" ? "Today" : "Default", sizes) : Content(string.Empty);
    }

    /// <summary>The words for <paramref name="count"/> rows counted with <see cref="Cap"/> + 1 as the limit.</summary>
    public static string Words(int count) => count > Cap ? $"{Cap}+" : count.ToString(CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<QueueSize>> CountAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Has(Permission.WorkReferrals))
        {
            var counts = await referrals.CountsAsync(ReferralParty.For(caller), ct);
            return [new("queue-new-referrals", "New referrals", Words(counts.New), "/Police", "Content hotlines of your country referred to you, not yet accepted.")];
        }

        if (caller.Has(Permission.IdentifyVictims))
        {
            var open = await escalations.CountOpenAsync(Officer.For(caller), ct);
            return [new("queue-open-escalations", "Open escalations", Words(open), "/Interpol/Escalations",
                "New material and referrals of possible new victims, waiting for victim identification.")];
        }

        var viewer = await viewers.FindAsync(caller, ct);
        var sizes = new List<QueueSize>();
        if (viewer.Kind == OrganisationKind.Hotline)
        {
            if (caller.Has(Permission.SubmitReports))
            {
                sizes.Add(new("queue-triage", "Triage", Words(await triage.CountAsync(caller.OrganisationId, ct)), "/Triage",
                    "Reports from the public, checked automatically, waiting to be accepted or closed."));
            }

            if (caller.Has(Permission.Classify))
            {
                var assessor = Assessor.For(caller);
                var unassessed = await assessment.CountAsync(assessor.ListViewer, assessor.CountryCode, Cap + 1, ct);
                sizes.Add(new("queue-unassessed", "Unassessed", Words(unassessed), "/Assessment", "Found items waiting for your hotline's assessment."));
                var waiting = await secondOpinions.ListAsync(caller.OrganisationId, Cap + 1, ct);
                sizes.Add(new("queue-second-opinions", "Second opinions", Words(waiting.Count), "/Assessment/SecondOpinion",
                    "Items a colleague was unsure about, waiting for another analyst or the supervisor."));
            }

            sizes.Add(await TakedownAsync(viewer, TakedownQueue.Unactioned, "queue-unactioned", "Unactioned", "unactioned",
                "Content hosted in your country, waiting for your first action (a notice to the host, a report to police).", ct));
            sizes.Add(await TakedownAsync(viewer, TakedownQueue.AwaitingRecheck, "queue-awaiting-recheck", "Awaiting re-check", "awaiting-recheck",
                "Notices given: re-checks run until removal is confirmed; re-check now when the host says it is gone.", ct));
            sizes.Add(await TakedownAsync(viewer, TakedownQueue.Offline, "queue-offline", "Offline", "offline",
                "Removed or unavailable content, for your records.", ct));
        }

        if (viewer.MaySeeOrphans && await routes.CountAsync(viewer, RouteQueue.Orphaned, Cap + 1, ct) is { IsSuccess: true } orphaned)
        {
            sizes.Add(new("queue-orphaned", "Orphaned", Words(orphaned.Value), "/Routes?queue=orphaned",
                "Content hosted where the network has no hotline, waiting to be claimed or assigned."));
        }

        return sizes;
    }

    private async Task<QueueSize> TakedownAsync(RouteViewer viewer, TakedownQueue queue, string id, string name, string tab, string what, CancellationToken ct) =>
        new(id, name, Words(await takedowns.CountAsync(viewer, queue, Cap + 1, ct)), $"/Routes?queue={tab}", what);
}
