using Clearline.Configuration;
using Clearline.Events;
using Clearline.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearline.Identity;

public static class IdentityServices
{
    /// <summary>Accounts, passwords and lockout; the web adds cookies and the sign-in manager on top.</summary>
    public static IdentityBuilder AddClearlineIdentity(this IServiceCollection services)
    {
        services.AddSectionOptions<SignInPolicyOptions>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SignInPolicyOptions>>((o, policy) =>
        {
            // Length and a common-password check, no composition rules (NIST SP 800-63B): composition rules
            // push people to "Password1!" rather than to long phrases.
            o.Password.RequiredLength = 12;
            o.Password.RequiredUniqueChars = 4;
            o.Password.RequireDigit = false;
            o.Password.RequireLowercase = false;
            o.Password.RequireUppercase = false;
            o.Password.RequireNonAlphanumeric = false;
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = policy.Value.MaxFailedAttempts;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(policy.Value.LockoutMinutes);
            o.User.RequireUniqueEmail = true;
            // "Confirmed" means active here: not disabled, organisation not deactivated (ActiveAccountConfirmation).
            o.SignIn.RequireConfirmedAccount = true;
        });
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<PasswordReset>();
        services.AddObserver<OrganisationDeactivated, MemberSessions>();
        return services.AddIdentityCore<ClearlineUser>()
            .AddEntityFrameworkStores<ClearlineDbContext>()
            .AddDefaultTokenProviders()
            // Replaces the default authenticator provider under its own name, so sign-in, enrolment and the
            // security page all refuse a code that was already used.
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddUserConfirmation<ActiveAccountConfirmation>();
    }
}
