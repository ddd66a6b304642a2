using Clearline.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/api-keys</c>: the organisation's API keys. Reading needs <c>organisation:read</c>; creating and revoking
/// <c>organisation:admin</c>. A key is created with scopes under its organisation's ceiling (and, created by a key, only
/// scopes that key holds), its secret answered once; a revoked key is refused from its very next request (within 5 seconds on other processes).
/// </summary>
public static class ApiKeysApi
{
    public sealed record ApiKeyResponse(
        Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
        DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    /// <summary>The created key and its secret, which is shown this once and never stored.</summary>
    public sealed record CreatedApiKeyResponse(
        Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string Secret);

    /// <summary>A new key: a name unique in the organisation, its scopes, and optionally when it expires.</summary>
    public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys");
        group.MapGet("/", List).RequireScope(ApiScopes.OrganisationRead).WithName("ListApiKeys")
            .WithSummary("The organisation's API keys (never their secrets), with when each was last used.");
        group.MapGet("/{id:guid}", Get).RequireScope(ApiScopes.OrganisationRead).WithName("GetApiKey").WithSummary("One of the organisation's API keys.");
        group.MapPost("/", Create).RequireScope(ApiScopes.OrganisationAdmin).WithName("CreateApiKey")
            .WithSummary("Create a key with scopes under the organisation's ceiling; the secret is answered this once.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/revoke", Revoke).RequireScope(ApiScopes.OrganisationAdmin).WithName("RevokeApiKey")
            .WithSummary("Revoke a key: it is refused from its very next request on this server, within 5 seconds on every other. Revoking a revoked key changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Ok<ApiKeyResponse[]>> List(Caller caller, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(caller.OrganisationId, ct)).Select(ToResponse).ToArray());

    /// <remarks>Another organisation's key id answers 404, exactly like an id that does not exist.</remarks>
    public static async Task<Results<Ok<ApiKeyResponse>, NotFound>> Get(Guid id, Caller caller, ApiKeyService keys, CancellationToken ct) =>
        await keys.FindAsync(caller.OrganisationId, id, ct) is { } key ? TypedResults.Ok(ToResponse(key)) : TypedResults.NotFound();

    public static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> Create(
        CreateApiKeyRequest body, Caller caller, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.CreateAsync(caller, new NewApiKey(body.Name ?? "", body.Scopes ?? [], body.ExpiresAt), ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var key = result.Value.Key;
        return TypedResults.Created(
            $"/api/v1/api-keys/{key.Id}",
            new CreatedApiKeyResponse(key.Id, key.Name, key.Prefix, key.ScopeList, key.CreatedAt, key.ExpiresAt, result.Value.Secret));
    }

    /// <remarks>Another organisation's key id answers 404, exactly like an id that does not exist.</remarks>
    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> Revoke(Guid id, Caller caller, ApiKeyService keys, CancellationToken ct)
    {
        var result = await keys.RevokeAsync(caller.OrganisationId, id, caller.Actor, ct);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ErrorProblems.Problem(result.Error);
    }

    private static ApiKeyResponse ToResponse(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, key.ScopeList, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt);
}
