
namespace Clearline.Account;

/// <summary>Audits what happens to an account, with the client address of the request that did it.</summary>
/// <remarks>Never passes emails, passwords, codes or keys: only the user id, the organisation and a fixed-vocabulary detail.</remarks>
public static class AccountAudit
{
    /// <summary>Something the person did themselves, signed in or completing sign-in.</summary>
    public static Task ByUserAsync(this AuditTrail audit, HttpContext context, AuditAction action, ClearlineUser user, string? detail = null) =>
        audit.AppendAsync(new AuditEvent(action, AuditActor.User(user.Id), user.OrganisationId, Target(user), ClientIp(context), detail), context.RequestAborted);

    /// <summary>An attempt on <paramref name="user"/>'s account (null: no such account) by someone not yet proven to be them.</summary>
    public static Task AgainstAsync(this AuditTrail audit, HttpContext context, AuditAction action, ClearlineUser? user, string? detail = null) =>
        audit.AppendAsync(new AuditEvent(action, AuditActor.Anonymous, user?.OrganisationId, user is null ? null : Target(user), ClientIp(context), detail), context.RequestAborted);

    private static string Target(ClearlineUser user) => $"user:{user.Id:D}";

    private static string? ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
