namespace Clearline.Routing;

/// <summary>
/// A content URL was routed (a new route, or a withdrawn one reinstated), announced in the routing's unit of work once
/// saved: abuse contacts are looked up for it.
/// </summary>
public sealed record RouteOpened(ContentRoute Route);
