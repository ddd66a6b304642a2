namespace Clearline.Tenancy;

/// <summary>An entity that belongs to one organisation.</summary>
public interface ITenantOwned
{
    Guid OrganisationId { get; }
}

/// <summary>
/// Who the current unit of work acts for. Scoped: the web sets it from the signed-in principal or API key,
/// never from input; the command line and workers act as the system.
/// </summary>
/// <remarks>
/// Default is "nobody": an unauthenticated request sees no tenant-owned row at all, so forgetting to set the
/// tenant fails closed.
/// </remarks>
public sealed class TenantContext
{
    public Guid OrganisationId { get; private set; }

    public bool IsSystem { get; private set; }

    public void ActFor(Guid organisationId)
    {
        OrganisationId = organisationId;
        IsSystem = false;
    }

    public void ActAsSystem()
    {
        OrganisationId = Guid.Empty;
        IsSystem = true;
    }
}
