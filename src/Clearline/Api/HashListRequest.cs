using System.Text.Json;
using System.Text.Json.Serialization;
using Clearline.Classification;
using Clearline.HashLists;

namespace Clearline.Api;

/// <summary>
/// The body of <c>POST</c> and <c>PATCH /api/v1/hashlists</c>. A property left out is left as it is;
/// <c>"source": null</c> clears the source.
/// </summary>
/// <remarks>
/// Unknown properties are refused: a misspelt <c>"visibilty"</c> must not silently leave a list visible to the whole
/// network. They are caught as extension data, so the answer names them.
/// </remarks>
public sealed record HashListRequest
{
    private static readonly string[] Known = ["name", "source", "kind", "trust", "visibility", "scheme", "mapping", "active"];

    private readonly string? _source;
    private readonly bool _sourceGiven;

    public string? Name { get; init; }

    public string? Source
    {
        get => _source;
        init => (_source, _sourceGiven) = (value, true);
    }

    public HashListKind? Kind { get; init; }

    public HashListTrust? Trust { get; init; }

    public HashListVisibility? Visibility { get; init; }

    public CategoryScheme? Scheme { get; init; }

    /// <summary>Category to rule; a category is at most 50 characters and named once, whatever its case.</summary>
    public IReadOnlyDictionary<string, CategoryRuleRequest?>? Mapping { get; init; }

    public bool? Active { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    public sealed record CategoryRuleRequest(CategoryOutcome? Outcome, IReadOnlyList<ContentFlags>? Flags);

    /// <summary>The change the body asks for; an empty source clears it, a source left out keeps it.</summary>
    public Result<HashListChanges> ToChanges()
    {
        if (Unknown?.Keys.FirstOrDefault() is { } unknown)
        {
            return new InvalidError(unknown, $"is not a hash-list field; use {string.Join(", ", Known)}.");
        }

        var mapping = ToMapping();
        return mapping.IsSuccess
            ? new HashListChanges(Name, _sourceGiven ? _source ?? "" : null, Kind, Trust, Visibility, mapping.Value, Active)
            : mapping.Error;
    }

    /// <summary>A new list: name and kind are required; a new list suggests rather than classifies and stays within the organisation.</summary>
    public Result<NewHashList> ToNewList()
    {
        var changes = ToChanges();
        if (!changes.IsSuccess)
        {
            return changes.Error;
        }

        if (changes.Value.Name is not { } name)
        {
            return new InvalidError("name", "is required.");
        }

        if (changes.Value.Kind is not { } kind)
        {
            return new InvalidError("kind", "is required: PoliceDatabase, HotlineNetwork or Industry.");
        }

        return new NewHashList(name, changes.Value.Source, kind, Trust ?? HashListTrust.SuggestOnly,
            Visibility ?? HashListVisibility.OwnOrganisation, Scheme ?? CategoryScheme.Custom, changes.Value.Mapping);
    }

    /// <summary>The mapping as Core keeps it; null when the body has none.</summary>
    private Result<CategoryMapping?> ToMapping()
    {
        if (Mapping is null)
        {
            return (CategoryMapping?)null;
        }

        var rules = new Dictionary<string, CategoryRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var (category, rule) in Mapping)
        {
            var field = $"mapping.{category}";
            if (rule is null || category.Trim().Length > 50)
            {
                return new InvalidError(field, "must be an object { outcome, flags } under a category of at most 50 characters.");
            }

            if (rule.Outcome is not { } outcome)
            {
                return new InvalidError(field + ".outcome", "is required: Ignore, Suggest, Baseline, National or NotIllegal.");
            }

            if (rule.Flags?.Contains(ContentFlags.None) == true)
            {
                return new InvalidError(field + ".flags", "must be flag names: Virtual, UserGenerated, ChildModelling.");
            }

            var flags = rule.Flags?.Aggregate(ContentFlags.None, (all, flag) => all | flag) ?? ContentFlags.None;
            if (!rules.TryAdd(category.Trim(), new CategoryRule(outcome, flags)))
            {
                return new InvalidError(field, "names a category twice.");
            }
        }

        return new CategoryMapping(rules);
    }
}
