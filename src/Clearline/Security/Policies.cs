using Clearline.ApiKeys;
using Clearline.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Security;

/// <summary>Named authorisation policies. Every endpoint names one of these or is explicitly anonymous.</summary>
public static class Policies
{
    /// <summary>A person signed in with password and second factor.</summary>
    public const string Person = "Person";

    /// <summary>A person part-way through first sign-in: changing the one-time password, enrolling TOTP.</summary>
    public const string AccountSetup = "AccountSetup";

    public static string Permission(Permission permission) => $"Permission:{permission}";

    public static string Scope(string scope) => $"Scope:{scope}";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Person, PersonPolicy().Build());
        options.AddPolicy(AccountSetup, p => p.AddAuthenticationSchemes(AccountSetupScheme.Name).RequireAuthenticatedUser());
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(Permission(permission), PersonPolicy().AddRequirements(new PermissionRequirement(permission)).Build());
        }

        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(Scope(scope), p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ClearlineClaims.Scope, scope));
        }

        // Backstop only: the endpoint sweep test requires every endpoint to say what it needs.
        options.FallbackPolicy = PersonPolicy().Build();
    }

    /// <remarks>
    /// A session that has not passed the second factor carries no <c>amr=mfa</c> claim and is refused, so a
    /// stolen password alone never opens anything but the sign-in pages.
    /// </remarks>
    private static AuthorizationPolicyBuilder PersonPolicy() => new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
        .RequireAuthenticatedUser()
        .RequireClaim(ClearlineClaims.AuthenticationMethod, ClearlineClaims.MultiFactor)
        .RequireClaim(ClearlineClaims.Organisation);
}

/// <summary>The principal's role grants <see cref="Permission"/>.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.UserRole() is { } role && RolePermissions.Has(role, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A short-lived cookie that only admits the first-sign-in pages.</summary>
public static class AccountSetupScheme
{
    public const string Name = "Clearline.AccountSetup";
}
