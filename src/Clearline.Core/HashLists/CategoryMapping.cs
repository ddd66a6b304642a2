using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clearline.Classification;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Clearline.HashLists;

/// <summary>The category scheme a list is written in (<c>shared/INTEROP.md</c> §1.6).</summary>
public enum CategoryScheme
{
    /// <summary>Project VIC US/Default, as in VICS 2.0: null uncategorised, 0 non-pertinent, 1 CAM, 2 exploitive/age difficult, 3 CGI, 4 comparison.</summary>
    VicsUs = 1,

    /// <summary>The legacy DHS / early Project VIC scheme: 0 uncategorised, 1 illegal, 2 age difficult, 3 CGI, 4 comparison, 5 non-pertinent.</summary>
    VicsLegacy = 2,

    /// <summary>Clearline's own verdict names (<c>Baseline</c>, <c>National</c>, <c>NotIllegal</c>), as exported.</summary>
    Clearline = 3,

    /// <summary>Anything else (a UK CAID table, an industry list): every category starts as a suggestion.</summary>
    Custom = 4,
}

/// <summary>What a match on an entry of one category does.</summary>
public enum CategoryOutcome
{
    /// <summary>Not a match worth showing (comparison images, for example).</summary>
    Ignore = 0,

    /// <summary>"Probably known": shown to the analyst for confirmation, never applied on its own.</summary>
    Suggest = 1,

    Baseline = 2,
    National = 3,
    NotIllegal = 4,
}

/// <summary>One category's translation: the outcome and the flags it implies.</summary>
public sealed record CategoryRule(CategoryOutcome Outcome, ContentFlags Flags = ContentFlags.None)
{
    /// <summary>The verdict a match applies, or null for a suggestion or nothing.</summary>
    [JsonIgnore]
    public Verdict? Verdict => Outcome switch
    {
        CategoryOutcome.Baseline => Classification.Verdict.Baseline,
        CategoryOutcome.National => Classification.Verdict.National,
        CategoryOutcome.NotIllegal => Classification.Verdict.NotIllegal,
        _ => null,
    };
}

/// <summary>
/// A list's categories translated to Clearline's classification. A category the mapping does not name is a
/// suggestion: nothing is classified automatically unless someone said so. The uncategorised entry (a VICS
/// <c>null</c>) has the key <see cref="Uncategorised"/>.
/// </summary>
public sealed class CategoryMapping
{
    public const string Uncategorised = "";

    private static readonly CategoryRule Fallback = new(CategoryOutcome.Suggest);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly FrozenDictionary<string, CategoryRule> _rules;

    public CategoryMapping(IReadOnlyDictionary<string, CategoryRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToFrozenDictionary(r => r.Key.Trim(), r => r.Value, StringComparer.OrdinalIgnoreCase);
    }

    public static CategoryMapping Empty { get; } = new(new Dictionary<string, CategoryRule>());

    public IReadOnlyDictionary<string, CategoryRule> Rules => _rules;

    public static ValueComparer<CategoryMapping> Comparer { get; } = new(
        (a, b) => a!.ToJson() == b!.ToJson(),
        m => m.ToJson().GetHashCode(StringComparison.Ordinal),
        m => FromJson(m.ToJson()));

    /// <summary>For a mapping that may be absent (<see cref="HashList.ApprovalMapping"/>).</summary>
    public static ValueComparer<CategoryMapping?> NullableComparer { get; } = new(
        (a, b) => a == null ? b == null : b != null && a.ToJson() == b.ToJson(),
        m => m == null ? 0 : m.ToJson().GetHashCode(StringComparison.Ordinal),
        m => m == null ? null : FromJson(m.ToJson()));

    /// <summary>Whether two mappings say the same (the same categories, outcomes and flags).</summary>
    public bool SameAs(CategoryMapping? other) => other is not null && ToJson() == other.ToJson();

    /// <summary>The rule for an entry's category (null or blank: uncategorised).</summary>
    public CategoryRule For(string? category) =>
        _rules.TryGetValue(category?.Trim() ?? Uncategorised, out var rule) ? rule : Fallback;

    /// <summary>
    /// The starting mapping for a scheme. VICS 1 and 2 are "known, needs a national-law check" and are never
    /// Baseline on their own (INTEROP.md §1.6); an administrator who trusts a list more says so.
    /// </summary>
    public static CategoryMapping Default(CategoryScheme scheme) => scheme switch
    {
        CategoryScheme.VicsUs => new(new Dictionary<string, CategoryRule>
        {
            [Uncategorised] = new(CategoryOutcome.Suggest),
            ["0"] = new(CategoryOutcome.NotIllegal),
            ["1"] = new(CategoryOutcome.Suggest),
            ["2"] = new(CategoryOutcome.Suggest),
            ["3"] = new(CategoryOutcome.Suggest, ContentFlags.Virtual),
            ["4"] = new(CategoryOutcome.Ignore),
        }),
        CategoryScheme.VicsLegacy => new(new Dictionary<string, CategoryRule>
        {
            [Uncategorised] = new(CategoryOutcome.Suggest),
            ["0"] = new(CategoryOutcome.Suggest),
            ["1"] = new(CategoryOutcome.Suggest),
            ["2"] = new(CategoryOutcome.Suggest),
            ["3"] = new(CategoryOutcome.Suggest, ContentFlags.Virtual),
            ["4"] = new(CategoryOutcome.Ignore),
            ["5"] = new(CategoryOutcome.NotIllegal),
        }),
        CategoryScheme.Clearline => new(new Dictionary<string, CategoryRule>
        {
            [nameof(Verdict.Baseline)] = new(CategoryOutcome.Baseline),
            [nameof(Verdict.National)] = new(CategoryOutcome.Suggest),
            [nameof(Verdict.NotIllegal)] = new(CategoryOutcome.Suggest),
        }),
        _ => Empty,
    };

    public string ToJson() => JsonSerializer.Serialize(_rules.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(), Json);

    /// <summary>Reads a mapping; a malformed one throws <see cref="JsonException"/> naming the problem.</summary>
    public static CategoryMapping FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, CategoryRule>>(json, Json)
            ?? throw new JsonException("A category mapping must be a JSON object."));
}
