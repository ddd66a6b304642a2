using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Security;
using Clearline.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>POST /api/v1/hash-check</c>: partners ask whether hashes are known, without sending content.</summary>
public static class HashCheckApi
{
    /// <summary>One hash: <c>type</c> is md5, sha1, sha256, pdq or photodna; <c>quality</c> is the PDQ quality, if known.</summary>
    public sealed record HashCheckEntry(string Type, string Value, int? Quality);

    /// <summary>The body: up to <see cref="HashChecker.MaxHashes"/> hashes of any types.</summary>
    public sealed record HashCheckRequest(IReadOnlyList<HashCheckEntry> Hashes);

    public sealed record HashCheckResponse(IReadOnlyList<HashCheckResult> Results);

    public static RouteGroupBuilder MapHashCheckApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hash-check").WithTags("Hash check");
        group.MapPost("/", Check).RequireAuthorization(Policies.Scope(ApiScopes.HashesCheck))
            .RequireRateLimiting(ApiPlumbing.HashCheckLimit)
            .Accepts<HashCheckRequest>("application/json").WithName("CheckHashes")
            .WithSummary("Whether each hash is known to a list your organisation may use: the list, its category, and the distance for PDQ.")
            .ProducesValidationProblem();
        return group;
    }

    public static async Task<Results<Ok<HashCheckResponse>, ValidationProblem>> Check(
        JsonElement body, Caller caller, HashChecker checker, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var items = Read(body, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var viewer = HashListViewer.For(caller);
        var results = await checker.CheckAsync(items, viewer, caller.Actor, ct);
        return TypedResults.Ok(new HashCheckResponse(results));
    }

    /// <summary>Reads the body item by item, so that every problem names its place (<c>hashes[3].value</c>).</summary>
    private static List<HashCheckItem> Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        var items = new List<HashCheckItem>();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("hashes", out var hashes) || hashes.ValueKind != JsonValueKind.Array)
        {
            errors["hashes"] = ["must be an array of { type, value, quality? }."];
            return items;
        }

        var count = hashes.GetArrayLength();
        if (count is 0 or > HashChecker.MaxHashes)
        {
            errors["hashes"] = [$"must hold between 1 and {HashChecker.MaxHashes} hashes; it holds {count}."];
            return items;
        }

        var index = 0;
        foreach (var hash in hashes.EnumerateArray())
        {
            var at = $"hashes[{index++}]";
            if (hash.ValueKind != JsonValueKind.Object)
            {
                errors[at] = ["must be an object { type, value, quality? }."];
                continue;
            }

            if (!TryString(hash, "type", out var typeText) || !Enum.TryParse<HashType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type))
            {
                errors[at + ".type"] = ["must be one of md5, sha1, sha256, pdq, photodna."];
                continue;
            }

            if (!TryString(hash, "value", out var value))
            {
                errors[at + ".value"] = ["is required."];
                continue;
            }

            int? quality = null;
            if (hash.TryGetProperty("quality", out var q) && q.ValueKind != JsonValueKind.Null)
            {
                if (q.ValueKind != JsonValueKind.Number || !q.TryGetInt32(out var parsed))
                {
                    errors[at + ".quality"] = ["must be a whole number between 0 and 100."];
                    continue;
                }

                quality = parsed;
            }

            var item = new HashCheckItem(type, value, quality);
            if (HashChecker.Problem(item) is var (field, message))
            {
                errors[$"{at}.{field}"] = [message];
                continue;
            }

            items.Add(item);
        }

        return items;
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        value = element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString()! : "";
        return value.Length > 0;
    }
}
