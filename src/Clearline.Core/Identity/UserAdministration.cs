using System.Security.Cryptography;
using Clearline.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Identity;

public sealed record NewUser(Guid OrganisationId, string Email, Role Role);

/// <summary>A created account and the one-time password to hand to its owner (shown once, never stored).</summary>
public sealed record CreatedUser(ClearlineUser User, string OneTimePassword);

/// <summary>
/// Creates accounts and changes them for the organisation's administrator: role, disabled, lockout, authenticator.
/// Every new account starts with a one-time password that must be changed, then an authenticator to enrol.
/// </summary>
/// <remarks>
/// The administrator reaches only their own organisation's people (another organisation's person is not found);
/// every role is checked against the organisation's kind on every change; and no change may leave an organisation
/// without an active administrator, or nobody could manage its people again short of the operator.
/// </remarks>
public sealed partial class UserAdministration(
    ClearlineDbContext db, UserManager<ClearlineUser> users, UnitOfWork work, AuditTrail audit, TimeProvider time)
{
    // No 0/O, 1/l/I: the one-time password is read aloud or copied by hand.
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public const string LastAdministrator =
        "This is the organisation's last active administrator: make another person an administrator first.";

    /// <summary>The operator's path (command line, demo): any role the organisation's kind allows, SystemAdmin included.</summary>
    public Task<Result<CreatedUser>> CreateAsync(NewUser request, AuditActor actor, CancellationToken ct) =>
        CreateAsync(request, actor, byOperator: true, ct);

    /// <summary>The organisation's administrator invites a person into their own organisation.</summary>
    public Task<Result<CreatedUser>> InviteAsync(PeopleAdministrator administrator, string email, Role role, CancellationToken ct) =>
        CreateAsync(new NewUser(administrator.OrganisationId, email, role), administrator.Actor, administrator.IsOperator, ct);

    /// <summary>Gives the person another role, one their organisation's kind allows.</summary>
    public async Task<Result<Person>> ChangeRoleAsync(PeopleAdministrator administrator, Guid userId, Role role, CancellationToken ct)
    {
        var found = await FindAsync(administrator, userId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (user, organisation) = found.Value;
        if (RoleError(organisation, role, administrator.IsOperator) is { } invalid)
        {
            return invalid;
        }

        if (user.Role == role)
        {
            return Person.From(user, time.GetUtcNow());
        }

        if (user.Role == Role.OrgAdmin && !user.IsDisabled && !await HasOtherActiveAdministratorAsync(user, ct))
        {
            return new ConflictError(LastAdministrator);
        }

        var previous = user.Role;
        user.Role = role;
        return await SaveAsync(user, AuditAction.UserRoleChanged, administrator, $"role={previous}->{role}", endSessions: true, ct);
    }

    private async Task<Result<CreatedUser>> CreateAsync(NewUser request, AuditActor actor, bool byOperator, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == request.OrganisationId, ct);
        if (organisation is null)
        {
            return new NotFoundError("No such organisation.");
        }

        if (!organisation.IsActive)
        {
            return new ConflictError("The organisation is deactivated: reactivate it before inviting anyone.");
        }

        if (RoleError(organisation, request.Role, byOperator) is { } invalid)
        {
            return invalid;
        }

        var email = (request.Email ?? "").Trim();
        if (email.Length == 0)
        {
            return new InvalidError("email", "The email address is required.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return new ConflictError("A user with this email address already exists.");
        }

        var user = new ClearlineUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            OrganisationId = organisation.Id,
            Role = request.Role,
            MustChangePassword = true,
            LockoutEnabled = true,
            CreatedAt = time.GetUtcNow(),
        };
        var password = RandomNumberGenerator.GetString(Alphabet, 20);
        await using var transaction = await work.BeginAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var error = created.Errors.First();
            return error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal)
                ? new InvalidError("email", error.Description)
                : new InvalidError("user", error.Description);
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.UserCreated, actor, organisation.Id, $"user:{user.Id}", Detail: $"role={user.Role}"), ct);
        await transaction.CommitAsync(ct);
        return new CreatedUser(user, password);
    }

    /// <remarks>SystemAdmin runs the whole server: only the operator gives it, never an organisation's administrator.</remarks>
    private static InvalidError? RoleError(Organisation organisation, Role role, bool byOperator) =>
        !Enum.IsDefined(role) || !RolePermissions.Allowed(organisation.Kind, role) || (role == Role.SystemAdmin && !byOperator)
            ? new InvalidError("role", $"The role {role} is not available in a {organisation.Kind} organisation.")
            : null;

    /// <summary>The person, tracked, if they belong to the administrator's organisation; otherwise not found.</summary>
    private async Task<Result<(ClearlineUser User, Organisation Organisation)>> FindAsync(PeopleAdministrator administrator, Guid userId, CancellationToken ct)
    {
        var user = await db.Set<ClearlineUser>().FirstOrDefaultAsync(u => u.Id == userId && u.OrganisationId == administrator.OrganisationId, ct);
        var organisation = user is null ? null : await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrganisationId, ct);
        return user is null || organisation is null ? new NotFoundError("No such person in your organisation.") : (user, organisation);
    }

    private Task<bool> HasOtherActiveAdministratorAsync(ClearlineUser user, CancellationToken ct) =>
        db.Set<ClearlineUser>().AnyAsync(
            u => u.OrganisationId == user.OrganisationId && u.Id != user.Id && u.Role == Role.OrgAdmin && u.DisabledAt == null, ct);

    /// <summary>Saves the change and audits it in one unit of work; a new security stamp ends the person's sessions at once.</summary>
    private async Task<Result<Person>> SaveAsync(
        ClearlineUser user, AuditAction action, PeopleAdministrator administrator, string detail, bool endSessions, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);
        var saved = endSessions ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            return new ConflictError(saved.Errors.First().Description);
        }

        await audit.AppendAsync(new AuditEvent(action, administrator.Actor, user.OrganisationId, $"user:{user.Id}", Detail: detail), ct);
        await transaction.CommitAsync(ct);
        return Person.From(user, time.GetUtcNow());
    }
}
