using System.Globalization;
using Clearline.Classification;

namespace Clearline.Pages.Assessment;

/// <summary>
/// The workspace's decisions as the forms post them: classify the selected items together (each in its own
/// transaction, so one item's conflict never undoes another's decision), ask a second opinion, undo the last.
/// </summary>
/// <remarks>The analyst is always the signed-in person (<see cref="Assessor"/> from the session), never a form field.</remarks>
public static class WorkspaceDecisions
{
    public static async Task<DecisionOutcome> ClassifyAsync(Classifier classifier, Assessor assessor, DecisionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(input);
        if (Selection(input) is { } refusal)
        {
            return refusal;
        }

        if (input.Verdict is not { } verdict)
        {
            return DecisionOutcome.Say("Nothing classified: choose a verdict (Baseline, National or Not illegal).");
        }

        if (input.ExpectedCurrentId is not null && input.Items.Count != 1)
        {
            return DecisionOutcome.Say("Nothing classified: a decision seen on an item's page applies to that one item only.");
        }

        var flags = input.Flags.Aggregate(ContentFlags.None, (all, one) => all | one);
        var requests = Addresses(input).Select(sha256 => new ClassifyRequest(sha256, verdict, input.AgeGroup, input.Gender, flags, input.ExpectedCurrentId)).ToList();
        var results = await classifier.ClassifyEachAsync(requests, assessor, ct);
        var classified = results.Count(r => r.IsSuccess);
        var conflicts = new List<ConflictNote>();
        var problems = new List<string>();
        foreach (var (request, result) in requests.Zip(results))
        {
            switch (result.Error)
            {
                case null:
                    break;
                case ClassificationConflict conflict:
                    conflicts.Add(new ConflictNote(request.MediaSha256, Describe(request.MediaSha256, conflict)));
                    break;
                default:
                    problems.Add($"Refused: {result.Error.Message}");
                    break;
            }
        }

        var parts = new List<string>();
        if (classified > 0)
        {
            parts.Add($"{AssessmentPages.Label(verdict)}: {Items(classified)}.");
        }

        parts.AddRange(conflicts.Select(c => $"Conflict: {c.Message} — shown."));
        parts.AddRange(problems.Distinct(StringComparer.Ordinal));
        return new DecisionOutcome(string.Join(" ", parts), conflicts);
    }

    public static async Task<DecisionOutcome> RequestSecondOpinionAsync(SecondOpinions secondOpinions, Assessor assessor, DecisionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(secondOpinions);
        ArgumentNullException.ThrowIfNull(input);
        if (Selection(input) is { } refusal)
        {
            return refusal;
        }

        var moved = 0;
        var problems = new List<string>();
        foreach (var sha256 in Addresses(input))
        {
            var result = await secondOpinions.RequestAsync(assessor, sha256, input.Note, ct);
            if (result.IsSuccess)
            {
                moved++;
            }
            else
            {
                problems.Add($"Refused: {result.Error.Message}");
            }
        }

        var status = moved > 0 ? $"Unsure: {Items(moved)} moved to the second-opinion queue." : "";
        return DecisionOutcome.Say(string.Join(" ", new[] { status }.Concat(problems.Distinct(StringComparer.Ordinal)).Where(s => s.Length > 0)));
    }

    public static async Task<DecisionOutcome> UndoAsync(Classifier classifier, Assessor assessor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var result = await classifier.UndoAsync(assessor, ct);
        return result.IsSuccess
            ? DecisionOutcome.Say($"Undone: your {AssessmentPages.Label(result.Value.Undone.Verdict)} decision; the item is back where it was.")
            : DecisionOutcome.Say($"Nothing undone: {result.Error.Message}");
    }

    private static DecisionOutcome? Selection(DecisionInput input) =>
        input.Items.Count == 0 ? DecisionOutcome.Say("Nothing done: select at least one item first (space or x).")
        : input.Items.Count > Classifier.MaxBatch ? DecisionOutcome.Say($"Nothing done: at most {Classifier.MaxBatch} items can be decided at once.")
        : null;

    /// <summary>Addresses are lower-case hex; each item once, in the order selected.</summary>
    private static IEnumerable<string> Addresses(DecisionInput input) =>
        input.Items.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal);

    private static string Describe(string sha256, ClassificationConflict conflict) => conflict.Current is { } current
        ? string.Create(CultureInfo.InvariantCulture, $"another analyst classified item {sha256[..Math.Min(12, sha256.Length)]} {AssessmentPages.Label(current.Verdict)} at {current.ClassifiedAt:u}")
        : $"item {sha256[..Math.Min(12, sha256.Length)]}: {conflict.Message}";

    private static string Items(int count) => count == 1 ? "1 item" : string.Create(CultureInfo.InvariantCulture, $"{count} items");
}
