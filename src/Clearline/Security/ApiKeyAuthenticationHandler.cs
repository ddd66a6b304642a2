using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Clearline.Api;
using Clearline.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Clearline.Security;

/// <summary>Authenticates <c>Authorization: Bearer cl_…</c> API keys; failures answer 401/403/429 as problem+json.</summary>
/// <remarks>
/// A refused key is logged (structured, and counted by <c>clearline.api_key.rejected</c>) and counted against the
/// client address: past <see cref="FailedKeyAttemptsOptions.Limit"/> failures in the window the address is answered
/// 429 without any lookup. Only refusals that concern a real key (its prefix with a wrong secret, or a revoked or
/// expired key) reach the audit trail, at most once per key per window; made-up keys never do. An accepted key holds
/// only the scopes within its organisation's ceiling as it is now (<see cref="ScopeCeilings"/>).
/// </remarks>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    FailedKeyAttempts attempts,
    IOptionsMonitor<FailedKeyAttemptsOptions> limits)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string RetryAfterItem = "Clearline.ApiKey.RetryAfter";

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

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (attempts.RetryAfter(address) is { } wait)
        {
            FailedKeyAttempts.Blocked();
            LogBlocked(Logger, address, wait.TotalSeconds);
            Context.Items[RetryAfterItem] = wait;
            return AuthenticateResult.Fail("Too many failed API-key attempts from this address.");
        }

        var check = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (!check.Accepted || check.Key is not { } key || check.Kind is not { } kind)
        {
            await RefuseAsync(check, address);
            return AuthenticateResult.Fail("The API key is invalid, revoked or expired.");
        }

        var ceiling = ScopeCeilings.For(kind);
        var held = key.ScopeList.Where(ceiling.Contains).ToList();
        var dropped = key.ScopeList.Where(s => !ceiling.Contains(s)).ToList();
        if (dropped.Count > 0)
        {
            LogAboveCeiling(Logger, key.Id, kind.ToString(), string.Join(' ', dropped));
        }

        await keys.RecordUseAsync(key, Context.RequestAborted);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
            new(ClearlineClaims.ApiKey, key.Id.ToString()),
            new(ClearlineClaims.Organisation, key.OrganisationId.ToString()),
        };
        claims.AddRange(held.Select(s => new Claim(ClearlineClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan wait)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Problems.WriteAsync(Context, StatusCodes.Status429TooManyRequests, "Too many requests", "Too many failed API-key attempts from this address; retry later.");
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", "A valid API key is required: send it as 'Authorization: Bearer <key>'.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This API key lacks the scope this endpoint requires.");
    }

    private async Task RefuseAsync(KeyCheck check, string address)
    {
        var failures = attempts.Fail(address, check.Rejection);
        var reason = check.Rejection.ToString().ToLowerInvariant();
        LogRejected(Logger, reason, address, failures, limits.CurrentValue.Limit, check.Key?.Id);
        if (check.Key is { } real && attempts.ShouldAudit(real.Id))
        {
            await keys.AuditRejectionAsync(real, check.Rejection, Context.Connection.RemoteIpAddress?.ToString(), failures, Context.RequestAborted);
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "API key refused ({Reason}) from {ClientAddress}: {Failures} of {Limit} failures allowed in the window; key {KeyId}")]
    private static partial void LogRejected(ILogger logger, string reason, string clientAddress, int failures, int limit, Guid? keyId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "API key attempt from {ClientAddress} refused without a lookup: too many failures, retry in {RetryAfterSeconds:F0} s")]
    private static partial void LogBlocked(ILogger logger, string clientAddress, double retryAfterSeconds);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning,
        Message = "API key {KeyId} holds scopes above the ceiling of a {Kind} organisation, which it does not get: {Dropped}")]
    private static partial void LogAboveCeiling(ILogger logger, Guid keyId, string kind, string dropped);
}
