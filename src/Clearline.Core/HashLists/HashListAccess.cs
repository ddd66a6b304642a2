using System.Linq.Expressions;
using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.HashLists;

/// <summary>Who asks about lists: an organisation and its kind (law enforcement sees more).</summary>
public sealed record HashListViewer(Guid OrganisationId, OrganisationKind Kind)
{
    public bool IsLawEnforcement => Kind is OrganisationKind.LawEnforcement or OrganisationKind.Interpol;

    public static HashListViewer For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new(caller.OrganisationId, caller.Kind);
    }
}

/// <summary>
/// The one rule for which lists an organisation sees and matches against: its own, every network list, and the
/// law-enforcement-only lists if it is police or INTERPOL. Only the owner manages a list; the network's own list
/// is kept by Clearline. Every query of lists for an organisation goes through <see cref="VisibleTo"/>.
/// </summary>
public static class HashListAccess
{
    public static Expression<Func<HashList, bool>> VisibleTo(HashListViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var organisationId = viewer.OrganisationId;
        var lawEnforcement = viewer.IsLawEnforcement;
        return l => l.OwnerOrganisationId == organisationId
            || l.Visibility == HashListVisibility.Network
            || (lawEnforcement && l.Visibility == HashListVisibility.LawEnforcementOnly);
    }

    public static bool IsManagedBy(this HashList list, Guid organisationId)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.OwnerOrganisationId is { } owner && owner == organisationId;
    }
}
