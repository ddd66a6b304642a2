using Clearline.Classification;
using Clearline.Media;

namespace Clearline.Api;

public static partial class ClassificationApi
{
    public sealed record QueueItemResponse(
        string Sha256, MediaFormat Format, bool IsVideo, int? Width, int? Height, DateTimeOffset FirstFoundAt,
        IReadOnlyList<ProbablyKnown> ProbablyKnown, string PreviewUrl);

    public sealed record QueueResponse(IReadOnlyList<QueueItemResponse> Items, string? NextCursor);

    public sealed record SecondOpinionRequestBody(string? Sha256, string? Note);

    public sealed record SecondOpinionResponse(string Sha256, string? Note, Guid RequestedBy, DateTimeOffset RequestedAt, string PreviewUrl);

    /// <summary>One item to classify: the verdict, its details, and the decision the analyst saw (an id, or "none").</summary>
    public sealed record ClassifyItemBody(string? Sha256, string? Verdict, string? AgeGroup, string? Gender, string[]? Flags, string? ExpectedCurrentId);

    public sealed record ClassifyBody(ClassifyItemBody[]? Items);

    /// <summary>
    /// One item's outcome: <c>classified</c> (200), <c>invalid</c> (400), <c>refused</c> (403, another hotline's
    /// Baseline is final), <c>notFound</c> (404) or <c>conflict</c> (409, with the decision that holds now).
    /// </summary>
    public sealed record ClassifyItemResult(
        string? Sha256, string Status, int StatusCode, ClassificationResponse? Classification, ClassificationResponse? Current, string? Reason);

    public sealed record ClassifyResponse(IReadOnlyList<ClassifyItemResult> Results);

    public sealed record UndoResponse(ClassificationResponse Undone, IReadOnlyList<ClassificationResponse> Restored);

    public sealed record FiltersBody(int? BlurStrength, bool? Greyscale);

    public sealed record WellbeingResponse(DateOnly Day, int RevealsToday, int MinutesToday, TimeSpan DailySoftLimit, bool OverLimit, FilterSettings Filters)
    {
        public static WellbeingResponse From(WellbeingToday today)
        {
            ArgumentNullException.ThrowIfNull(today);
            return new(today.Day, today.Reveals, today.Minutes, today.DailySoftLimit, today.OverLimit, today.Filters);
        }
    }

    /// <summary>A decision as the API shows it; analysts are not named (the decision may be another hotline's).</summary>
    public sealed record ClassificationResponse(
        Guid Id, string Sha256, Verdict Verdict, string? Jurisdiction, AgeGroup AgeGroup, Gender Gender, ContentFlags Flags,
        ClassificationSource Source, Guid? OrganisationId, DateTimeOffset ClassifiedAt, DateTimeOffset? SupersededAt)
    {
        public static ClassificationResponse From(MediaClassification c)
        {
            ArgumentNullException.ThrowIfNull(c);
            return new(c.Id, c.MediaSha256, c.Verdict, c.Jurisdiction, c.AgeGroup, c.Gender, c.Flags, c.Source, c.OrganisationId, c.ClassifiedAt, c.SupersededAt);
        }
    }
}
