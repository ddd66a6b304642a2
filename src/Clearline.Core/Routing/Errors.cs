
namespace Clearline.Routing;

/// <summary>
/// The caller sees the route (or is a member of the network) but may not take this action on it: not assigned to
/// its hotline, not mandated for orphans, not the coordinator. The message says which; the API answers 403.
/// </summary>
public sealed record RoutingRefused(string Message) : RefusedError(Message);
