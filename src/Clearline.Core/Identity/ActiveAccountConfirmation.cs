using Clearline.Organisations;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Identity;

/// <summary>Sign-in's last word on whether an account may sign in at all: not disabled, and its organisation not deactivated.</summary>
/// <remarks>
/// Identity asks this before it checks the password and answers "not allowed", which the sign-in page shows with
/// the same words as a wrong password: a disabled person learns nothing an outsider could not. Sessions that
/// already exist end through the security stamp, which disabling and deactivating change.
/// </remarks>
internal sealed class ActiveAccountConfirmation(ClearlineDbContext db) : IUserConfirmation<ClearlineUser>
{
    public async Task<bool> IsConfirmedAsync(UserManager<ClearlineUser> manager, ClearlineUser user) =>
        !user.IsDisabled && await db.Set<Organisation>().AnyAsync(o => o.Id == user.OrganisationId && o.DeactivatedAt == null);
}
