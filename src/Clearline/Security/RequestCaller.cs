using System.Security.Claims;

namespace Clearline.Security;

/// <summary>
/// Holds the request's <see cref="Caller"/>, worked out once after authorisation from the principal (person or
/// API key) and its organisation row. Scoped; handlers and pages take <see cref="Caller"/> itself.
/// </summary>
/// <remarks>
/// Anonymous requests and principals without an organisation have no caller: asking for one then throws, so an
/// endpoint that forgot its authorisation fails closed instead of acting for nobody in particular.
/// </remarks>
public sealed class RequestCaller(Callers callers)
{
    public Caller? Current { get; private set; }

    public Caller Required => Current ?? throw new InvalidOperationException("No caller: the request is not signed in for an organisation.");

    public async Task SetAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.OrganisationId() is not { } organisation)
        {
            return;
        }

        var scopes = principal.FindAll(ClearlineClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        Current = await callers.FindAsync(organisation, principal.UserId(), principal.ApiKeyId(), principal.UserRole(), scopes, ct);
    }
}
