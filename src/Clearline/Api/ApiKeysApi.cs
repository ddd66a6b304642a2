using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Api;

public static class ApiKeysApi
{
    public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(Policies.Scope(ApiScopes.OrganisationRead));
        group.MapGet("/", List).WithName("ListApiKeys").WithSummary("The organisation's API keys (never their secrets).");
        group.MapGet("/{id:guid}", Get).WithName("GetApiKey").WithSummary("One of the organisation's API keys.");
        return group;
    }

    public static async Task<Ok<ApiKeyResponse[]>> List(HttpContext context, ClearlineDbContext db, CancellationToken ct)
    {
        var organisation = context.User.OrganisationId();
        var keys = await db.Set<ApiKey>().AsNoTracking()
            .Where(k => k.OrganisationId == organisation)
            .OrderBy(k => k.CreatedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(keys.Select(ToResponse).ToArray());
    }

    /// <remarks>Another organisation's key id answers 404, exactly like an id that does not exist.</remarks>
    public static async Task<Results<Ok<ApiKeyResponse>, NotFound>> Get(Guid id, HttpContext context, ClearlineDbContext db, CancellationToken ct)
    {
        var organisation = context.User.OrganisationId();
        var key = await db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == id && k.OrganisationId == organisation, ct);
        return key is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(key));
    }

    private static ApiKeyResponse ToResponse(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, key.ScopeList, key.CreatedAt, key.RevokedAt);
}
