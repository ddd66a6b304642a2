using System.Security.Claims;
using System.Text.Encodings.Web;
using Clearline.Api;
using Clearline.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Clearline.Security;

/// <summary>Authenticates <c>Authorization: Bearer cl_…</c> API keys; failures answer 401/403 as problem+json.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    AuditTrail audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a bearer token.");
        }

        var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            await audit.AppendAsync(new AuditEvent(AuditAction.ApiKeyRejected, AuditActor.Anonymous, ClientIp: Context.Connection.RemoteIpAddress?.ToString()), Context.RequestAborted);
            return AuthenticateResult.Fail("The API key is invalid or revoked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
            new(ClearlineClaims.ApiKey, key.Id.ToString()),
            new(ClearlineClaims.Organisation, key.OrganisationId.ToString()),
        };
        claims.AddRange(key.ScopeList.Select(s => new Claim(ClearlineClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", "A valid API key is required: send it as 'Authorization: Bearer <key>'.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This API key lacks the scope this endpoint requires.");
    }
}
