using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Clearline.Account;

/// <summary>Ties each session cookie to its server-side record (<see cref="UserSessions"/>).</summary>
/// <remarks>
/// Signing in records a session and puts its id in the cookie; every request checks that the record exists and is
/// within the absolute lifetime before the security stamp is checked; signing out deletes the record, so a copy of
/// the cookie taken before sign-out is refused. A changed security stamp (password change, "sign out everywhere",
/// an administrator disabling the person) still ends all of the person's sessions on their next request.
/// </remarks>
public static class ServerSessions
{
    /// <summary>The claim that carries the session's id.</summary>
    public const string SessionClaim = "clearline:sid";

    public static void Attach(CookieAuthenticationEvents events)
    {
        var validateStamp = events.OnValidatePrincipal;
        events.OnValidatePrincipal = async context =>
        {
            if (!await IsActiveAsync(context.HttpContext, context.Principal))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }

            await validateStamp(context);
        };
        events.OnSigningIn = SigningInAsync;
        events.OnSigningOut = SigningOutAsync;
    }

    /// <summary>
    /// A new sign-in records a new session; a re-issue within a session (after the person changed their own
    /// password) keeps the session it was, so it keeps its start time and cannot outlive its absolute lifetime.
    /// </summary>
    private static async Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || context.Principal.UserId() is not { } user
            || identity.HasClaim(c => c.Type == SessionClaim))
        {
            return;
        }

        var current = context.HttpContext.User;
        var session = current.UserId() == user && current.FindFirstValue(SessionClaim) is { } kept
            ? kept
            : await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().StartAsync(user, context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(SessionClaim, session));
    }

    private static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.UserId() is { } user && context.HttpContext.User.FindFirstValue(SessionClaim) is { } session)
        {
            await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().EndAsync(user, session, CancellationToken.None);
        }
    }

    private static async Task<bool> IsActiveAsync(HttpContext http, ClaimsPrincipal? principal) =>
        principal?.UserId() is { } user && principal.FindFirstValue(SessionClaim) is { } session
        && await http.RequestServices.GetRequiredService<UserSessions>().IsActiveAsync(user, session, http.RequestAborted);
}
