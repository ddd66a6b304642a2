using System.Text.Json;
using Clearline.Classification;
using Clearline.HashLists;

namespace Clearline.Api;

/// <summary>
/// Reads the body of <c>POST</c> and <c>PATCH /api/v1/hashlists</c> field by field, so every wrong value (an unknown
/// kind, a mapping outcome that is not one, a string for <c>active</c>) answers 400 naming the field.
/// </summary>
/// <remarks>
/// A property left out is left as it is; <c>"source": null</c> clears the source. Unknown properties are refused:
/// a misspelt <c>"visibilty"</c> must not silently leave a list visible to the whole network.
/// </remarks>
public static class HashListRequestReader
{
    private static readonly HashSet<string> Known = ["name", "source", "kind", "trust", "visibility", "scheme", "mapping", "active"];

    public static (HashListChanges Changes, CategoryScheme? Scheme) Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["must be a JSON object."];
            return (new HashListChanges(), null);
        }

        foreach (var property in body.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors[property.Name] = [$"is not a hash-list field; use {string.Join(", ", Known)}."];
        }

        var source = body.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.Null ? "" : Text(body, "source", errors);
        var changes = new HashListChanges(
            Text(body, "name", errors),
            source,
            Enum<HashListKind>(body, "kind", errors),
            Enum<HashListTrust>(body, "trust", errors),
            Enum<HashListVisibility>(body, "visibility", errors),
            Mapping(body, errors),
            Bool(body, "active", errors));
        return (changes, Enum<CategoryScheme>(body, "scheme", errors));
    }

    private static CategoryMapping? Mapping(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("mapping", out var mapping) || mapping.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (mapping.ValueKind != JsonValueKind.Object)
        {
            errors["mapping"] = ["must be an object from category to { outcome, flags }."];
            return null;
        }

        var rules = new Dictionary<string, CategoryRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var category in mapping.EnumerateObject())
        {
            var field = $"mapping.{category.Name}";
            if (category.Value.ValueKind != JsonValueKind.Object || category.Name.Trim().Length > 50)
            {
                errors[field] = ["must be an object { outcome, flags } under a category of at most 50 characters."];
                continue;
            }

            var outcome = Enum<CategoryOutcome>(category.Value, "outcome", errors, field + ".outcome");
            var flags = Flags(category.Value, field + ".flags", errors);
            if (outcome is null)
            {
                errors.TryAdd(field + ".outcome", ["is required: Ignore, Suggest, Baseline, National or NotIllegal."]);
                continue;
            }

            if (!rules.TryAdd(category.Name.Trim(), new CategoryRule(outcome.Value, flags)))
            {
                errors[field] = ["names a category twice."];
            }
        }

        return new CategoryMapping(rules);
    }

    private static ContentFlags Flags(JsonElement rule, string field, Dictionary<string, string[]> errors)
    {
        if (!rule.TryGetProperty("flags", out var flags) || flags.ValueKind == JsonValueKind.Null)
        {
            return ContentFlags.None;
        }

        if (flags.ValueKind != JsonValueKind.Array || flags.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String))
        {
            errors[field] = ["must be an array of flag names (Virtual, UserGenerated, ChildModelling)."];
            return ContentFlags.None;
        }

        var result = ContentFlags.None;
        foreach (var flag in flags.EnumerateArray())
        {
            result |= Parse<ContentFlags>(flag.GetString(), field, errors) ?? ContentFlags.None;
        }

        return result;
    }

    private static string? Text(JsonElement body, string property, Dictionary<string, string[]> errors, string? field = null)
    {
        if (!body.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field ?? property] = ["must be a string."];
            return null;
        }

        return value.GetString();
    }

    private static bool? Bool(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors[field] = ["must be true or false."];
            return null;
        }

        return value.GetBoolean();
    }

    private static T? Enum<T>(JsonElement body, string property, Dictionary<string, string[]> errors, string? field = null) where T : struct, Enum =>
        Parse<T>(Text(body, property, errors, field), field ?? property, errors);

    /// <summary>Enum names only: a number such as <c>"7"</c> would otherwise parse to a value that means nothing.</summary>
    private static T? Parse<T>(string? text, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        var name = System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null || name == "None")
        {
            errors[field] = [$"must be one of: {string.Join(", ", System.Enum.GetNames<T>().Where(n => n != "None"))}."];
            return null;
        }

        return System.Enum.Parse<T>(name);
    }
}
