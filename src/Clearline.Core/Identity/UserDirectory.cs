using Clearline.Organisations;

namespace Clearline.Identity;

/// <summary>One person of an organisation as its administrator sees them; never a password, key or code.</summary>
public sealed record Person(
    Guid Id, string Email, Role Role, bool Disabled, bool LockedOut, bool AuthenticatorEnrolled, bool MustChangePassword, DateTimeOffset CreatedAt)
{
    /// <summary>Whether the person holds the administrator role and may still sign in: who the last-administrator rule counts.</summary>
    public bool IsActiveAdministrator => Role == Role.OrgAdmin && !Disabled;

    internal static Person From(ClearlineUser user, DateTimeOffset now) => new(
        user.Id, user.Email ?? "", user.Role, user.IsDisabled, user.LockoutEnd is { } end && end > now, user.TwoFactorEnabled,
        user.MustChangePassword, user.CreatedAt);
}

/// <summary>The people of one organisation, for its administrator's screens and API.</summary>
/// <remarks>
/// <see cref="ClearlineUser"/> is not tenant-filtered (sign-in finds a user before any tenant is known), so every
/// query here names the organisation: another organisation's person is not found, exactly like one that does not exist.
/// </remarks>
public sealed class UserDirectory(ClearlineDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<Person>> ListAsync(Guid organisationId, CancellationToken ct)
    {
        var users = await db.Set<ClearlineUser>().AsNoTracking().Where(u => u.OrganisationId == organisationId).ToListAsync(ct);
        var now = time.GetUtcNow();
        return [.. users.Select(u => Person.From(u, now)).OrderBy(p => p.Email, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<Person?> FindAsync(Guid organisationId, Guid userId, CancellationToken ct) =>
        await db.Set<ClearlineUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.OrganisationId == organisationId, ct) is { } user
            ? Person.From(user, time.GetUtcNow())
            : null;

    /// <summary>The id of the person with this email in the organisation, for the command line.</summary>
    public async Task<Guid?> FindIdByEmailAsync(Guid organisationId, string email, CancellationToken ct)
    {
        var normalised = email.Trim().ToUpperInvariant();
        var id = await db.Set<ClearlineUser>().AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && u.NormalizedEmail == normalised).Select(u => u.Id).FirstOrDefaultAsync(ct);
        return id == Guid.Empty ? null : id;
    }

    /// <summary>The roles a person of this organisation may be given, in the order screens list them.</summary>
    public static IReadOnlyList<Role> RolesFor(OrganisationKind kind, bool byOperator = false) =>
        [.. Enum.GetValues<Role>().Where(r => RolePermissions.Allowed(kind, r) && (byOperator || r != Role.SystemAdmin))];
}
