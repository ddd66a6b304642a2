using Microsoft.AspNetCore.Authorization;

namespace Clearline.Security;

/// <summary>
/// The authorisation policies: who is calling (a person, a person setting up, an API key). What they may do is a
/// typed requirement on top (<see cref="RequirePermissionAttribute"/>, <see cref="RequireScopeAttribute"/>).
/// Every endpoint names one of these or is explicitly anonymous.
/// </summary>
public static class Policies
{
    /// <summary>A person signed in with password and second factor.</summary>
    public const string Person = "Person";

    /// <summary>A person part-way through first sign-in: changing the one-time password, enrolling TOTP.</summary>
    public const string AccountSetup = "AccountSetup";

    /// <summary>An API key; the scope it needs is a <see cref="RequireScopeAttribute"/> on the endpoint.</summary>
    public const string ApiKey = "ApiKey";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Person, PersonPolicy().Build());
        options.AddPolicy(AccountSetup, p => p.AddAuthenticationSchemes(AccountSetupScheme.Name).RequireAuthenticatedUser());
        options.AddPolicy(ApiKey, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

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

/// <summary>A signed-in person whose role grants <paramref name="permission"/>: <c>[RequirePermission(Permission.Act)]</c>.</summary>
public sealed class RequirePermissionAttribute(Permission permission) : AuthorizeAttribute(Policies.Person), IAuthorizationRequirementData
{
    public Permission Permission { get; } = permission;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new PermissionRequirement(Permission)];
}

/// <summary>An API key holding <paramref name="scope"/>; endpoints say it with <see cref="ScopeEndpoints.RequireScope{TBuilder}"/>.</summary>
public sealed class RequireScopeAttribute(string scope) : AuthorizeAttribute(Policies.ApiKey), IAuthorizationRequirementData
{
    public string Scope { get; } = scope;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new ScopeRequirement(Scope)];
}

public static class ScopeEndpoints
{
    /// <summary>Only an API key holding <paramref name="scope"/> reaches these endpoints.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequireScopeAttribute(scope));
}

/// <summary>The principal's role grants <see cref="Permission"/>.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>The API key was given <see cref="Scope"/>.</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasClaim(ClearlineClaims.Scope, requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

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
