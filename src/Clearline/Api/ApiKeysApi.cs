using Clearline.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

public static class ApiKeysApi
{
    public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireScope(ApiScopes.OrganisationRead);
        group.MapGet("/", List).WithName("ListApiKeys").WithSummary("The organisation's API keys (never their secrets).");
        group.MapGet("/{id:guid}", Get).WithName("GetApiKey").WithSummary("One of the organisation's API keys.");
        return group;
    }

    public static async Task<Ok<ApiKeyResponse[]>> List(Caller caller, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(caller.OrganisationId, ct)).Select(ToResponse).ToArray());

    /// <remarks>Another organisation's key id answers 404, exactly like an id that does not exist.</remarks>
    public static async Task<Results<Ok<ApiKeyResponse>, NotFound>> Get(Guid id, Caller caller, ApiKeyService keys, CancellationToken ct) =>
        await keys.FindAsync(caller.OrganisationId, id, ct) is { } key ? TypedResults.Ok(ToResponse(key)) : TypedResults.NotFound();

    private static ApiKeyResponse ToResponse(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, key.ScopeList, key.CreatedAt, key.RevokedAt);
}
