using System.Globalization;
using System.Text.Json;
using Clearline.Classification;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Clearline.Pages.Assessment;

/// <summary>What the workspace's screens share: preview addresses, labels and the status carried across a redirect.</summary>
public static class AssessmentPages
{
    public const string StatusKey = "WorkspaceStatus";

    public const string ConflictsKey = "WorkspaceConflicts";

    /// <summary>The blur classes the stylesheet offers, in steps of 25 (CSP forbids a per-user style attribute).</summary>
    private const int BlurStep = 25;

    /// <summary>The blurred preview, served to the signed-in person by the workspace page (never the original).</summary>
    public static string PreviewUrl(string sha256, bool greyscale) =>
        $"/Assessment?handler=Preview&sha256={sha256}&greyscale={(greyscale ? "true" : "false")}";

    /// <summary>The CSS class adding the analyst's blur strength in the browser, rounded to the nearest step.</summary>
    public static string BlurClass(int strength) =>
        string.Create(CultureInfo.InvariantCulture, $"blur-{(int)Math.Round(Math.Clamp(strength, 0, AnalystFilters.MaxBlurStrength) / (double)BlurStep) * BlurStep}");

    public static string Label(Verdict verdict) => verdict.Describe();

    public static string Label(AgeGroup ageGroup) => ageGroup.Describe();

    public static string Label(Gender gender) => gender.Describe();

    public static string Label(ContentFlags flag) => flag.Describe();

    public static IReadOnlyList<ContentFlags> FlagChoices { get; } = [ContentFlags.Virtual, ContentFlags.UserGenerated, ContentFlags.ChildModelling];

    public static string Flags(ContentFlags flags) =>
        flags == ContentFlags.None ? "None" : string.Join(", ", FlagChoices.Where(f => flags.HasFlag(f)).Select(Label));

    public static string Date(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "";

    public static string Dimensions(int? width, int? height) =>
        width is { } w && height is { } h ? string.Create(CultureInfo.InvariantCulture, $"{w} × {h}") : "unknown size";

    /// <summary>Keeps a decision's outcome for the page the browser is sent back to (post, redirect, get).</summary>
    public static void KeepOutcome(this ITempDataDictionary tempData, DecisionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        ArgumentNullException.ThrowIfNull(outcome);
        tempData[StatusKey] = outcome.Status;
        tempData[ConflictsKey] = JsonSerializer.Serialize(outcome.Conflicts);
    }

    /// <summary>The outcome kept by the last decision, once; null when there was none.</summary>
    public static DecisionOutcome? TakeOutcome(this ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        if (tempData[StatusKey] is not string status)
        {
            return null;
        }

        var conflicts = tempData[ConflictsKey] is string json ? JsonSerializer.Deserialize<List<ConflictNote>>(json) ?? [] : [];
        return new DecisionOutcome(status, conflicts);
    }
}
