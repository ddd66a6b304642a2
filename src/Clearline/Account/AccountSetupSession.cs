using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Clearline.Account;

/// <summary>
/// The short-lived session of a person part-way through first sign-in: password checked, but the one-time
/// password not yet changed or no authenticator enrolled yet.
/// </summary>
public static class AccountSetupSession
{
    /// <summary>Issues (or re-issues, after the security stamp changed) the set-up cookie for <paramref name="user"/>.</summary>
    public static async Task SignInAsync(HttpContext context, UserManager<ClearlineUser> users, ClearlineUser user)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id.ToString("D")) };
        if (await users.GetSecurityStampAsync(user) is { } stamp)
        {
            claims.Add(new Claim(users.Options.ClaimsIdentity.SecurityStampClaimType, stamp));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AccountSetupScheme.Name));
        await context.SignInAsync(AccountSetupScheme.Name, principal);
    }

    /// <summary>The person the set-up cookie names, or null when there is none, it is stale, or the account is locked.</summary>
    /// <remarks>
    /// A set-up cookie dies with the security stamp: once the password was changed or the account was reset
    /// elsewhere, an older set-up cookie (copied, or left in another browser) no longer opens the set-up page.
    /// A locked account is refused too, so wrong one-time passwords or enrolment codes cannot go on being tried.
    /// </remarks>
    public static async Task<ClearlineUser?> FindUserAsync(HttpContext context, UserManager<ClearlineUser> users)
    {
        var result = await context.AuthenticateAsync(AccountSetupScheme.Name);
        if (result.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id
            || await users.FindByIdAsync(id) is not { } user)
        {
            return null;
        }

        var stamp = await users.GetSecurityStampAsync(user);
        var claimed = result.Principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && string.Equals(stamp, claimed, StringComparison.Ordinal) && !await users.IsLockedOutAsync(user)
            ? user
            : null;
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(AccountSetupScheme.Name);
}
