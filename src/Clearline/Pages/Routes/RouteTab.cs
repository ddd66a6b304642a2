namespace Clearline.Pages.Routes;

/// <summary>A tab of the routes screen: the three takedown queues, everything assigned, and the orphaned queue, and routes withdrawn since.</summary>
public enum RouteTab
{
    Unactioned = 1,
    AwaitingRecheck = 2,
    Offline = 3,
    Assigned = 4,
    Orphaned = 5,
    Withdrawn = 6,
}
