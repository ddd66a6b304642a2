namespace Clearline.Pages.Shared;

/// <summary>One link of the navigation bar: where it goes, what it says, and whether it is the page shown now.</summary>
public sealed record NavigationLink(string Href, string Text, bool IsCurrent);

/// <summary>
/// The navigation bar of every signed-in page: the screens the person's role opens, in the order of their work
/// (home, reports, assessment, takedown, hash lists, statistics, then the network's and the organisation's
/// administration), with the page shown now marked <c>aria-current="page"</c>.
/// </summary>
/// <remarks>
/// A link shows when the caller's role has the permission its page requires (<see cref="Caller.Has"/>), the same
/// check the page makes, so nobody is offered a screen that refuses them. Plain links in a wrapping list: usable by
/// keyboard and on a narrow screen without any script.
/// </remarks>
public sealed class NavigationViewComponent(RequestCaller requestCaller) : ViewComponent
{
    /// <summary>Every screen of the bar with the permission its page requires (null: every signed-in person).</summary>
    public static IReadOnlyList<(string Href, string Text, Permission? Requires)> Screens { get; } =
    [
        ("/", "Home", null),
        ("/Reports", "Reports", Permission.ViewReports),
        ("/Triage", "Triage", Permission.SubmitReports),
        ("/Assessment", "Assessment", Permission.Classify),
        ("/Routes", "Content to act on", Permission.Act),
        ("/Police", "Referrals", Permission.WorkReferrals),
        ("/Police/Content", "Illegal content in our country", Permission.WorkReferrals),
        ("/Police/Holds", "Investigation holds", Permission.PlaceInvestigationHold),
        ("/Interpol", "Illegal material", Permission.HandOffToIcse),
        ("/Interpol/Escalations", "Victim identification", Permission.IdentifyVictims),
        ("/Interpol/Batches", "ICSE hand-offs", Permission.HandOffToIcse),
        ("/HashLists", "Hash lists", Permission.ViewReports),
        ("/HashLists/Approvals", "List approvals", Permission.ManageNetwork),
        ("/Statistics", "Statistics", Permission.ViewStatistics),
        ("/Network/Organisations", "Organisations", Permission.ManageNetwork),
        ("/Network/Designations", "Designations", Permission.ManageNetwork),
        ("/Network/Mandates", "Orphan mandates", Permission.ManageNetwork),
        ("/Network/Overlaps", "Overlapping interests", Permission.ManageNetwork),
        ("/Manage/People", "People", Permission.ManageUsers),
        ("/Manage/Keys", "API keys", Permission.ManageOrganisation),
        ("/Audit", "Audit", Permission.ViewAudit),
        ("/Holds", "Legal holds", Permission.PlaceLegalHold),
        ("/Admin/Jobs", "Background jobs", Permission.ManageSystem),
    ];

    public IViewComponentResult Invoke()
    {
        // The layout shows on signed-out pages too: no caller, no navigation.
        if (requestCaller.Current is not { } caller || caller.IsApiKey)
        {
            return Content(string.Empty);
        }

        return View(For(caller, HttpContext.Request.Path));
    }

    /// <summary>The caller's links, the one for <paramref name="path"/> (the longest that contains it) marked current.</summary>
    public static IReadOnlyList<NavigationLink> For(Caller caller, PathString path)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var visible = Screens.Where(s => s.Requires is not { } permission || caller.Has(permission)).ToList();
        var current = visible.Where(s => Contains(s.Href, path)).Select(s => s.Href).OrderByDescending(h => h.Length).FirstOrDefault();
        return [.. visible.Select(s => new NavigationLink(s.Href, s.Text, s.Href == current))];
    }

    private static bool Contains(string href, PathString path) =>
        href == "/" ? path == "/" || path == "/Index" : path.StartsWithSegments(href, StringComparison.OrdinalIgnoreCase);
}
