using System.Security.Claims;

namespace Clearline.Security;

/// <summary>The claims Clearline puts on a principal, and how to read them back.</summary>
public static class ClearlineClaims
{
    public const string Organisation = "clearline:org";
    public const string Role = "clearline:role";
    public const string ApiKey = "clearline:apikey";
    public const string Scope = "scope";

    /// <summary>Set by Identity on a session that passed the second factor.</summary>
    public const string AuthenticationMethod = "amr";
    public const string MultiFactor = "mfa";

    public static Guid? OrganisationId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Organisation), out var id) ? id : null;

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ApiKey) is null && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? ApiKeyId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ApiKey), out var id) ? id : null;

    public static Role? UserRole(this ClaimsPrincipal principal) =>
        Enum.TryParse<Role>(principal.FindFirstValue(Role), out var role) ? role : null;
}
