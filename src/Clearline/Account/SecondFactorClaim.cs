using System.Security.Claims;

namespace Clearline.Account;

/// <summary>Keeps a session's proof of the second factor, and its session id, when Identity rebuilds its principal.</summary>
public static class SecondFactorClaim
{
    /// <summary>For <see cref="SecurityStampValidatorOptions.OnRefreshingPrincipal"/>.</summary>
    /// <remarks>
    /// The security stamp is checked on every request, and each check rebuilds the principal from the database,
    /// which drops <c>amr=mfa</c>; without this every session would lose access one request after sign-in. It
    /// runs only after the stamp matched, so a session ended by a password change, authenticator reset or
    /// "sign out everywhere" is rejected before its claim could be carried over. The session id
    /// (<see cref="ServerSessions.SessionClaim"/>) is carried too, or the next request would find no session; nothing else is.
    /// </remarks>
    public static Task KeepAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var claim in current.Claims.Where(c => c.Type is ClearlineClaims.AuthenticationMethod or ServerSessions.SessionClaim))
            {
                if (!identity.HasClaim(claim.Type, claim.Value))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }
        }

        return Task.CompletedTask;
    }
}
