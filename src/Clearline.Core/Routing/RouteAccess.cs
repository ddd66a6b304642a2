using System.Linq.Expressions;
using Clearline.Organisations;

namespace Clearline.Routing;

/// <summary>Who asks about routes: an organisation, its kind, and whether the coordinator mandated it for orphans.</summary>
public sealed record RouteViewer(Guid OrganisationId, OrganisationKind Kind, bool IsMandated)
{
    public bool IsCoordinator => Kind == OrganisationKind.Coordinator;

    /// <summary>May see and work the orphaned queue: the coordinator and the hotlines it mandated.</summary>
    public bool MaySeeOrphans => IsCoordinator || (IsMandated && Kind == OrganisationKind.Hotline);
}

/// <summary>
/// The one rule for which routes an organisation sees. Every query of routes for an organisation goes through
/// <see cref="VisibleTo"/>; a route outside it answers 404, exactly like one that does not exist.
/// </summary>
/// <remarks>
/// Visible to the reporting hotline (it follows its report), to every hotline the route was ever assigned to (the
/// current one acts on it; earlier ones keep seeing what became of content they worked), to the coordinator (it
/// runs the network's routing), and, while orphaned, to the mandated hotlines (they claim from that queue).
/// Everyone else (other hotlines, police, INTERPOL, industry) is excluded: a route carries another hotline's
/// report context.
/// </remarks>
public static class RouteAccess
{
    public static Expression<Func<ContentRoute, bool>> VisibleTo(RouteViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var organisationId = viewer.OrganisationId;
        var coordinator = viewer.IsCoordinator;
        var orphans = viewer.MaySeeOrphans;
        return r => coordinator
            || r.ReportingOrganisationId == organisationId
            || r.AssignedOrganisationId == organisationId
            || r.Events.Any(e => e.ToOrganisationId == organisationId)
            || (orphans && r.AssignedOrganisationId == null);
    }
}
