using Clearline.Identity;
using Clearline.Organisations;

namespace Clearline.Tenancy;

/// <summary>
/// Who is asking: a signed-in person or an API key, the organisation it acts for (with that organisation's kind and
/// country, as stored), its role or scopes. Worked out once per request by the web host; features derive their
/// narrower records from it (<c>Assessor.For</c>, <c>HashListViewer.For</c>, <c>RouteViewers.FindAsync</c>).
/// </summary>
/// <remarks>
/// Every field comes from the authenticated principal and the organisation row, never from request input. Exactly
/// one of <see cref="UserId"/> and <see cref="ApiKeyId"/> is set: a key is not a person and has no role.
/// </remarks>
public sealed record Caller(
    Guid OrganisationId, OrganisationKind Kind, string? CountryCode, Guid? UserId, Guid? ApiKeyId, Role? Role, IReadOnlySet<string> Scopes)
{
    public bool IsApiKey => ApiKeyId is not null;

    public bool IsCoordinator => Kind == OrganisationKind.Coordinator;

    /// <summary>The person's user id or the key's id: who, within the organisation, is acting.</summary>
    public Guid PrincipalId => ApiKeyId ?? UserId ?? throw new InvalidOperationException("A caller is a person or a key.");

    /// <summary>The actor the audit trail records for what this caller does.</summary>
    public AuditActor Actor => ApiKeyId is { } key ? AuditActor.ApiKey(key) : AuditActor.User(PrincipalId);

    /// <summary>Whether the person's role grants <paramref name="permission"/>; a key has no role, so never.</summary>
    public bool Has(Permission permission) => Role is { } role && RolePermissions.Has(role, permission);
}

/// <summary>Builds a <see cref="Caller"/> from what the authenticated principal says and the organisation as stored.</summary>
public sealed class Callers(ClearlineDbContext db)
{
    /// <summary>The caller, or null when the organisation does not exist or is deactivated (then the request acts for nobody).</summary>
    /// <remarks>
    /// The one place a deactivated organisation is refused for every request: its keys authenticate but act for
    /// nobody, and its people's sessions ended when it was deactivated (a new security stamp).
    /// </remarks>
    public async Task<Caller?> FindAsync(
        Guid organisationId, Guid? userId, Guid? apiKeyId, Role? role, IReadOnlySet<string> scopes, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Id == organisationId && o.DeactivatedAt == null).Select(o => new { o.Kind, o.CountryCode }).FirstOrDefaultAsync(ct);
        return organisation is null || (userId is null && apiKeyId is null)
            ? null
            : new Caller(organisationId, organisation.Kind, organisation.CountryCode, apiKeyId is null ? userId : null, apiKeyId,
                apiKeyId is null ? role : null, scopes);
    }
}
