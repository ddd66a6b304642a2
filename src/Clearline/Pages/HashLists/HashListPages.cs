using System.Globalization;
using System.Security.Claims;
using Clearline.Audit;
using Clearline.HashLists;
using Clearline.Identity;
using Clearline.Security;

namespace Clearline.Pages.HashLists;

/// <summary>What the hash-list screens share: the signed-in person as a caller, and how figures are shown.</summary>
public static class HashListPages
{
    /// <summary>The person's organisation and identity, from the session (never from input); null if the organisation is gone.</summary>
    public static async Task<HashListCaller?> CallerAsync(ClaimsPrincipal user, HashListDirectory lists, CancellationToken ct) =>
        user.OrganisationId() is { } organisation && user.UserId() is { } userId && await lists.ViewerAsync(organisation, ct) is { } viewer
            ? new HashListCaller(viewer, AuditActor.User(userId), userId)
            : null;

    public static bool Has(ClaimsPrincipal user, Permission permission) =>
        user.UserRole() is { } role && RolePermissions.Has(role, permission);

    public static string Rate(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "not reviewed";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "";
}
