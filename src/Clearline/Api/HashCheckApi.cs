using Clearline.ApiKeys;
using Clearline.HashLists;
using Clearline.Matching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>POST /api/v1/hash-check</c>: partners ask whether hashes are known, without sending content.</summary>
public static class HashCheckApi
{
    /// <summary>One hash: <c>type</c> is md5, sha1, sha256, pdq or photodna; <c>quality</c> is the PDQ quality, if known.</summary>
    public sealed record HashCheckEntry(HashType? Type, string? Value, int? Quality);

    /// <summary>The body: up to <see cref="HashChecker.MaxHashes"/> hashes of any types.</summary>
    public sealed record HashCheckRequest(IReadOnlyList<HashCheckEntry?>? Hashes)
    {
        /// <summary>The hashes to check, or the first one missing its type or value, named by its place (<c>hashes[3].value</c>).</summary>
        public Result<List<HashCheckItem>> ToItems()
        {
            var count = Hashes?.Count ?? 0;
            var items = new List<HashCheckItem>(count);
            for (var i = 0; i < count; i++)
            {
                var at = $"hashes[{i}]";
                if (Hashes![i] is not { } hash)
                {
                    return new InvalidError(at, "must be an object { type, value, quality? }.");
                }

                if (hash.Type is not { } type)
                {
                    return new InvalidError(at + ".type", "must be one of md5, sha1, sha256, pdq, photodna.");
                }

                if (string.IsNullOrEmpty(hash.Value))
                {
                    return new InvalidError(at + ".value", "is required.");
                }

                items.Add(new HashCheckItem(type, hash.Value, hash.Quality));
            }

            return items;
        }
    }

    public sealed record HashCheckResponse(IReadOnlyList<HashCheckResult> Results);

    public static RouteGroupBuilder MapHashCheckApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hash-check").WithTags("Hash check");
        group.MapPost("/", Check).RequireScope(ApiScopes.HashesCheck)
            .RequireRateLimiting(ApiPlumbing.HashCheckLimit)
            .Accepts<HashCheckRequest>("application/json").WithName("CheckHashes")
            .WithSummary("Whether each hash is known to a list your organisation may use: the list, its category, and the distance for PDQ.")
            .ProducesValidationProblem();
        return group;
    }

    public static async Task<Results<Ok<HashCheckResponse>, ProblemHttpResult>> Check(
        HashCheckRequest body, Caller caller, HashChecker checker, CancellationToken ct)
    {
        var items = body.ToItems();
        if ((items.IsSuccess ? HashChecker.Validate(items.Value) : items.Error) is { } error)
        {
            return ErrorProblems.Problem(error);
        }

        var viewer = HashListViewer.For(caller);
        var results = await checker.CheckAsync(items.Value!, viewer, caller.Actor, ct);
        return TypedResults.Ok(new HashCheckResponse(results));
    }
}
