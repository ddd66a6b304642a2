using Clearline.Classification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

public static partial class ClassificationApi
{
    /// <summary>Classifies each item in its own transaction (<see cref="Classifier.ClassifyEachAsync"/>).</summary>
    public static async Task<Results<Ok<ClassifyResponse>, ProblemHttpResult>> Classify(
        ClassifyBody? body, Caller caller, Classifier classifier, CancellationToken ct)
    {
        if (body?.Items is not { Length: > 0 } items)
        {
            return ErrorProblems.Problem(new InvalidError("items", "At least one item to classify is required."));
        }

        if (items.Length > Classifier.MaxBatch)
        {
            return ErrorProblems.Problem(new InvalidError("items", $"At most {Classifier.MaxBatch} items can be classified in one request."));
        }

        var assessor = Assessor.For(caller);

        // An item that cannot be read is answered in its place; the others are decided all the same.
        var requests = items.Select(ParseItem).ToList();
        var decided = await classifier.ClassifyEachAsync([.. requests.Where(r => r.IsSuccess).Select(r => r.Value!)], assessor, ct);
        var results = new List<ClassifyItemResult>(items.Length);
        var next = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var request = requests[i];
            results.Add(ToItemResult(items[i]?.Sha256, request.IsSuccess ? decided[next++] : request.Error));
        }

        return TypedResults.Ok(new ClassifyResponse(results));
    }

    public static async Task<Results<Ok<UndoResponse>, ProblemHttpResult>> Undo(Caller caller, Classifier classifier, CancellationToken ct)
    {
        var assessor = Assessor.For(caller);

        var result = await classifier.UndoAsync(assessor, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new UndoResponse(ClassificationResponse.From(result.Value.Undone), [.. result.Value.Restored.Select(ClassificationResponse.From)]))
            : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<WellbeingResponse>, ProblemHttpResult>> Heartbeat(Caller caller, Wellbeing wellbeing, CancellationToken ct) =>
        TypedResults.Ok(WellbeingResponse.From(await wellbeing.HeartbeatAsync(caller.PrincipalId, ct)));

    public static async Task<Results<Ok<WellbeingResponse>, ProblemHttpResult>> WellbeingToday(Caller caller, Wellbeing wellbeing, CancellationToken ct) =>
        TypedResults.Ok(WellbeingResponse.From(await wellbeing.TodayAsync(caller.PrincipalId, ct)));

    public static async Task<Results<Ok<FilterSettings>, ProblemHttpResult>> SetFilters(FiltersBody? body, Caller caller, Wellbeing wellbeing, CancellationToken ct)
    {
        if (body?.BlurStrength is not { } blur || body.Greyscale is not { } greyscale)
        {
            return ErrorProblems.Problem(new InvalidError("filters", "Both blurStrength (0-100) and greyscale (true or false) are required."));
        }

        var result = await wellbeing.SetFiltersAsync(caller.PrincipalId, new FilterSettings(blur, greyscale), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ErrorProblems.Problem(result.Error);
    }

    private static Result<ClassifyRequest> ParseItem(ClassifyItemBody? item)
    {
        if (string.IsNullOrWhiteSpace(item?.Sha256))
        {
            return new InvalidError("sha256", "The item's sha256 is required.");
        }

        if (Parse<Verdict>(item.Verdict) is not { } verdict)
        {
            return new InvalidError("verdict", "The verdict must be Baseline, National or NotIllegal.");
        }

        if ((item.AgeGroup is null ? AgeGroup.NotCategorised : Parse<AgeGroup>(item.AgeGroup)) is not { } ageGroup)
        {
            return new InvalidError("ageGroup", "The age group must be NotCategorised, Infant, PrePubescent or Pubescent.");
        }

        if ((item.Gender is null ? Gender.NotDetermined : Parse<Gender>(item.Gender)) is not { } gender)
        {
            return new InvalidError("gender", "The gender must be NotDetermined, Female, Male or Both.");
        }

        var flags = ContentFlags.None;
        foreach (var name in item.Flags ?? [])
        {
            if (Parse<ContentFlags>(name) is not { } flag || flag == ContentFlags.None)
            {
                return new InvalidError("flags", "Each flag must be Virtual, UserGenerated or ChildModelling.");
            }

            flags |= flag;
        }

        Guid? expected = null;
        if (!string.IsNullOrWhiteSpace(item.ExpectedCurrentId) && !string.Equals(item.ExpectedCurrentId.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            if (!Guid.TryParse(item.ExpectedCurrentId, out var id))
            {
                return new InvalidError("expectedCurrentId", "The expected current decision must be a decision's id or \"none\".");
            }

            expected = id;
        }

        return new ClassifyRequest(Address(item.Sha256), verdict, ageGroup, gender, flags, expected);
    }

    /// <summary>An enum member by name, ignoring case; numbers are refused (they would accept undefined values).</summary>
    private static T? Parse<T>(string? name) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(name) && !char.IsAsciiDigit(name.Trim()[0]) && !name.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse<T>(name.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;

    private static ClassifyItemResult ToItemResult(string? sha256, Result<MediaClassification> result)
    {
        if (result.IsSuccess)
        {
            return new(result.Value.MediaSha256, "classified", StatusCodes.Status200OK, ClassificationResponse.From(result.Value), null, null);
        }

        var current = result.Error is ClassificationConflict { Current: { } held } ? ClassificationResponse.From(held) : null;
        return new(sha256, ErrorProblems.KindName(result.Error), ErrorProblems.StatusCode(result.Error), null, current, result.Error.Message);
    }
}
