using Clearline.Tenancy;

namespace Clearline.Organisations;

/// <summary>Who may change the network's member organisations: the coordinator, or the operator at the command line.</summary>
/// <remarks>
/// Built only here: <see cref="For"/> refuses every caller outside the coordinator organisation, whatever its key's
/// scopes or its person's role, because a member that could create, rename or deactivate organisations could
/// impersonate or silence the others.
/// </remarks>
public sealed record NetworkAdministrator
{
    private NetworkAdministrator(Guid? organisationId, AuditActor actor)
    {
        OrganisationId = organisationId;
        Actor = actor;
    }

    /// <summary>The coordinator's own organisation; null for the operator.</summary>
    public Guid? OrganisationId { get; }

    public AuditActor Actor { get; }

    public static NetworkAdministrator Operator { get; } = new(null, AuditActor.System);

    public static Result<NetworkAdministrator> For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsCoordinator
            ? new NetworkAdministrator(caller.OrganisationId, caller.Actor)
            : new RefusedError("Only the coordinator manages the network's organisations.");
    }
}
