using System.Security.Cryptography;
using Clearline.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Identity;

public sealed record NewUser(Guid OrganisationId, string Email, Role Role);

/// <summary>A created account and the one-time password to hand to its owner (shown once, never stored).</summary>
public sealed record CreatedUser(ClearlineUser User, string OneTimePassword);

/// <summary>Creates accounts. Every new account starts with a one-time password that must be changed.</summary>
public sealed class UserAdministration(ClearlineDbContext db, UserManager<ClearlineUser> users, AuditTrail audit, TimeProvider time)
{
    // No 0/O, 1/l/I: the one-time password is read aloud or copied by hand.
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<Result<CreatedUser>> CreateAsync(NewUser request, AuditActor actor, CancellationToken ct)
    {
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == request.OrganisationId, ct);
        if (organisation is null)
        {
            return new NotFoundError("No such organisation.");
        }

        if (!Enum.IsDefined(request.Role) || !RolePermissions.Allowed(organisation.Kind, request.Role))
        {
            return new InvalidError("role", $"The role {request.Role} is not available in a {organisation.Kind} organisation.");
        }

        var email = request.Email.Trim();
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
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var error = created.Errors.First();
            return error.Code.Contains("Email", StringComparison.Ordinal)
                ? new InvalidError("email", error.Description)
                : new InvalidError("user", error.Description);
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.UserCreated, actor, organisation.Id, $"user:{user.Id}", Detail: $"role={user.Role}"), ct);
        return new CreatedUser(user, password);
    }
}
