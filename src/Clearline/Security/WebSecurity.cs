using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Clearline.Security;

public static class WebSecurity
{
    /// <summary>Cookies for people, bearer keys for machines, and the policies that tie them to permissions.</summary>
    public static void AddWebSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<RequestCaller>();
        services.AddScoped<UserSessions>();
        services.AddScoped<AuthenticatorCodeReuse>();
        services.AddSingleton<TenancyDenials>();
        services.AddScoped(sp => sp.GetRequiredService<RequestCaller>().Required);
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddCookie(AccountSetupScheme.Name, o =>
            {
                o.Cookie.Name = "clearline.setup";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(15);
                o.SlidingExpiration = false;
                o.LoginPath = "/Account/Login";
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SignInPolicyOptions>>((o, policy) =>
            {
                o.Cookie.Name = "clearline.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(policy.Value.IdleTimeoutMinutes);
                o.SlidingExpiration = true;
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/AccessDenied";
                Account.ServerSessions.Attach(o.Events);
            });

        // The password step's cookie that waits for the code is as strict as the session it leads to.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme).Configure(o =>
        {
            o.Cookie.Name = "clearline.2fa";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // "Sign out everywhere", a password change or an administrator disabling the person changes the security
        // stamp; checking it on every request (one lookup by primary key) ends every session on its next request.
        // Refreshing the session from the database would drop amr=mfa; keep it (only after the stamp matched).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = Account.SecondFactorClaim.KeepAsync;
        });
        services.AddScoped<IUserClaimsPrincipalFactory<ClearlineUser>, ClearlineClaimsFactory>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "clearline.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS, including behind a trusted proxy that terminates TLS.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    /// <summary>Authentication, authorisation, then the tenant and the <see cref="Caller"/> taken from the authorised principal.</summary>
    /// <remarks>
    /// The tenant is set after authorisation because an endpoint's policy may authenticate with its own scheme
    /// (API keys); only then is <see cref="HttpContext.User"/> the principal the endpoint acts for.
    /// </remarks>
    public static void UseWebSecurity(this WebApplication app)
    {
        app.Use(SecurityHeaders.Apply);
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            if (context.User.OrganisationId() is { } organisation)
            {
                context.RequestServices.GetRequiredService<TenantContext>().ActFor(organisation);
                var caller = context.RequestServices.GetRequiredService<RequestCaller>();
                await caller.SetAsync(context.User, context.RequestAborted);
                if (caller.Current is not { } current)
                {
                    // A deactivated organisation's key (its people's sessions ended with it) acts for nobody: refused like no key.
                    await Api.Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "The organisation is not active.");
                    return;
                }

                await next(context);
                context.RequestServices.GetRequiredService<TenancyDenials>().RecordIfDenied(context, current);
                return;
            }

            await next(context);
        });
    }
}
