using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Identity;

/// <summary>An operator's reset of a person's password to a new one-time password (<c>clearline admin reset-password</c>).</summary>
/// <remarks>
/// For a person who forgot their password: the new secret is random and shown once, the person must change it at
/// their next sign-in, and their authenticator stays, so the secret alone never signs anyone in. The security stamp
/// changes, which ends every session of the account at its next request; a lockout is lifted, since the new secret
/// cannot be guessed. Audited as <see cref="AuditAction.PasswordReset"/>; the secret is never stored or logged.
/// </remarks>
public sealed class PasswordReset(UserManager<ClearlineUser> users, AuditTrail audit)
{
    // As UserAdministration's one-time passwords: no 0/O, 1/l/I, since the secret is read aloud or copied by hand.
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Resets the password of the person with <paramref name="email"/> and returns the new one-time password.</summary>
    public async Task<Result<string>> ResetAsync(string email, AuditActor actor, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return new NotFoundError($"No user with the email address '{email.Trim()}'.");
        }

        var password = RandomNumberGenerator.GetString(Alphabet, 20);
        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
        if (!added.Succeeded)
        {
            return new InvalidError("password", added.Errors.First().Description);
        }

        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(new AuditEvent(AuditAction.PasswordReset, actor, user.OrganisationId, $"user:{user.Id:D}"), ct);
        return password;
    }
}
