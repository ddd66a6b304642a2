using System.Globalization;
using Clearline.Classification;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Pages.Routes;

/// <summary>
/// What the routing and takedown screens share: the queues by their URL names, and how times and durations are shown.
/// </summary>
public static class RoutePages
{
    /// <summary>The queues of the routes screen, in the order of its tabs; orphaned only for who may see it.</summary>
    public static IReadOnlyList<RouteTab> Tabs(RouteViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        RouteTab[] tabs = [RouteTab.Unactioned, RouteTab.AwaitingRecheck, RouteTab.Offline, RouteTab.Assigned];
        return viewer.MaySeeOrphans ? [.. tabs, RouteTab.Orphaned, RouteTab.Withdrawn] : [.. tabs, RouteTab.Withdrawn];
    }

    public static string Name(RouteTab tab) => tab switch
    {
        RouteTab.Unactioned => "unactioned",
        RouteTab.AwaitingRecheck => "awaiting-recheck",
        RouteTab.Offline => "offline",
        RouteTab.Assigned => "assigned",
        RouteTab.Orphaned => "orphaned",
        RouteTab.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(tab), tab, null),
    };

    public static string Title(RouteTab tab) => tab switch
    {
        RouteTab.Unactioned => "Unactioned",
        RouteTab.AwaitingRecheck => "Awaiting re-check",
        RouteTab.Offline => "Offline",
        RouteTab.Assigned => "All assigned",
        RouteTab.Orphaned => "Orphaned",
        RouteTab.Withdrawn => "Withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(tab), tab, null),
    };

    public static RouteTab? Parse(string? name) => Enum.GetValues<RouteTab>().Cast<RouteTab?>().FirstOrDefault(t => Name(t!.Value) == name);

    public static string Date(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A time to removal in the one format of every screen (<see cref="Words.Duration"/>).</summary>
    public static string Duration(TimeSpan value) => Words.Duration(value);

    public static string State(TakedownState state) => state.Describe();

    /// <summary>The decision a route rests on as the receiving hotline reads it: "Illegal in NL" under the reporting country's law.</summary>
    public static string Decision(Verdict verdict, string? jurisdiction) => verdict switch
    {
        Verdict.National => $"Illegal in {jurisdiction ?? "the reporting country"} (National)",
        Verdict.Baseline => "Illegal everywhere (Baseline)",
        _ => verdict.Describe(),
    };
}
