using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Previews;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// <c>/api/v1/assessment</c> and <c>/api/v1/media/{sha256}/…</c>: the classification workspace for a hotline's case
/// system: its queue and second-opinion queue, classifying (several items at once), undo, blurred previews,
/// audited reveals of originals and the analyst's wellbeing counters.
/// </summary>
/// <remarks>
/// The organisation comes from the API key and the key is the analyst (for undo and the counters). An item the
/// key's hotline neither found nor was routed answers 404, exactly like one that does not exist. Previews are
/// always blurred; the original is only sent by <c>/content</c>, which needs the media:read scope and is audited
/// every time.
/// </remarks>
public static partial class ClassificationApi
{
    /// <summary>The header that marks a placeholder preview (a video, or an image that does not decode).</summary>
    public const string PlaceholderHeader = "X-Clearline-Preview-Placeholder";

    public static RouteGroupBuilder MapClassificationApi(this RouteGroupBuilder api)
    {
        var assessment = api.MapGroup("/assessment").WithTags("Assessment");
        assessment.MapGet("/queue", Queue).RequireScope(ApiScopes.AssessmentRead)
            .WithName("GetAssessmentQueue").WithSummary("The hotline's unassessed items, oldest found first, with hints and preview links.");
        assessment.MapGet("/second-opinion", SecondOpinionQueue).RequireScope(ApiScopes.AssessmentRead)
            .WithName("GetSecondOpinionQueue").WithSummary("Items an analyst of the hotline was unsure about, waiting for another analyst or the supervisor.");
        assessment.MapPost("/second-opinion", RequestSecondOpinion).RequireScope(ApiScopes.AssessmentWrite)
            .WithName("RequestSecondOpinion").WithSummary("Mark an item unsure: it leaves the queue for the second-opinion queue.");
        assessment.MapPost("/classifications", Classify).RequireScope(ApiScopes.AssessmentWrite)
            .WithName("ClassifyItems").WithSummary("Classify one or several items; each item gets its own result (classified, conflict, refused, notFound, invalid).");
        assessment.MapPost("/undo", Undo).RequireScope(ApiScopes.AssessmentWrite)
            .WithName("UndoClassification").WithSummary("Undo the key's own last decision; the decisions it superseded hold again.");
        assessment.MapPost("/heartbeat", Heartbeat).RequireScope(ApiScopes.AssessmentWrite)
            .WithName("AssessmentHeartbeat").WithSummary("Count the current minute as time in the workspace (once per minute).");
        assessment.MapGet("/wellbeing", WellbeingToday).RequireScope(ApiScopes.AssessmentRead)
            .WithName("GetWellbeing").WithSummary("Reveals and minutes in the workspace today (UTC), the daily soft limit, and the preview filters.");
        assessment.MapPut("/wellbeing/filters", SetFilters).RequireScope(ApiScopes.AssessmentWrite)
            .WithName("SetPreviewFilters").WithSummary("Set the blur strength (0-100) and greyscale of previews.");

        var media = api.MapGroup("/media").WithTags("Assessment");
        media.MapGet("/{sha256}/classifications", History).RequireScope(ApiScopes.AssessmentRead)
            .WithName("GetClassificationHistory").WithSummary("An item's decisions, newest first; another country's National decision is marked as not applying.");
        media.MapGet("/{sha256}/preview", Preview).RequireScope(ApiScopes.AssessmentRead)
            .WithName("GetPreview").WithSummary("The blurred preview (greyscale unless greyscale=false); a neutral placeholder for videos.");
        media.MapGet("/{sha256}/content", Reveal).RequireScope(ApiScopes.MediaRead)
            .WithName("RevealContent").WithSummary("The original bytes, unblurred. Every call is audited and counted as a reveal.");
        foreach (var group in new[] { assessment, media })
        {
            group.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }

        return api;
    }

    public static async Task<Results<Ok<QueueResponse>, ProblemHttpResult>> Queue(
        Caller caller, AssessmentQueue queue, CancellationToken ct, string? cursor = null, int limit = 50)
    {
        var assessor = Assessor.For(caller);

        var page = await queue.PageAsync(assessor.ListViewer, assessor.CountryCode, cursor, limit, ct);
        if (!page.IsSuccess)
        {
            return ErrorProblems.Problem(page.Error);
        }

        var items = new List<QueueItemResponse>(page.Value.Items.Count);
        foreach (var item in page.Value.Items)
        {
            var hints = await queue.ProbablyKnownAsync(item.MediaSha256, assessor.ListViewer, ct);
            items.Add(new QueueItemResponse(item.MediaSha256, item.Format, item.IsVideo, item.Width, item.Height, item.FirstFoundAt, hints, PreviewUrl(item.MediaSha256)));
        }

        return TypedResults.Ok(new QueueResponse(items, page.Value.NextCursor));
    }

    public static async Task<Results<Ok<SecondOpinionResponse[]>, ProblemHttpResult>> SecondOpinionQueue(
        Caller caller, SecondOpinions secondOpinions, CancellationToken ct, int limit = 50)
    {
        var assessor = Assessor.For(caller);

        var items = await secondOpinions.ListAsync(assessor.OrganisationId, Math.Clamp(limit, 1, AssessmentQueue.MaxPageSize), ct);
        return TypedResults.Ok(items.Select(ToResponse).ToArray());
    }

    public static async Task<Results<Ok<SecondOpinionResponse>, ProblemHttpResult>> RequestSecondOpinion(
        SecondOpinionRequestBody? body, Caller caller, SecondOpinions secondOpinions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Sha256))
        {
            return ErrorProblems.Problem(new InvalidError("sha256", "The item's sha256 is required."));
        }

        var assessor = Assessor.For(caller);

        var result = await secondOpinions.RequestAsync(assessor, Address(body.Sha256), body.Note, ct);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<Ok<HistoryEntry[]>, ProblemHttpResult>> History(
        string sha256, Caller caller, ClassificationHistory history, CancellationToken ct)
    {
        var assessor = Assessor.For(caller);

        var result = await history.ForAsync(Address(sha256), assessor, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value.ToArray()) : ErrorProblems.Problem(result.Error);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Preview(
        string sha256, HttpContext context, Caller caller, MediaPreviews previews, CancellationToken ct, bool greyscale = true)
    {
        var assessor = Assessor.For(caller);

        var result = await previews.GetAsync(assessor, Address(sha256), greyscale ? PreviewKind.GreyBlurred : PreviewKind.Blurred, ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        if (result.Value.IsPlaceholder)
        {
            context.Response.Headers[PlaceholderHeader] = "true";
        }

        return TypedResults.Stream(result.Value.Content, result.Value.ContentType);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Reveal(
        string sha256, HttpContext context, Caller caller, ContentReveals reveals, CancellationToken ct)
    {
        var assessor = Assessor.For(caller);

        var result = await reveals.RevealAsync(assessor, Address(sha256), context.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(result.Value.Content, result.Value.ContentType);
    }

    private static string PreviewUrl(string sha256) => $"/api/v1/media/{sha256}/preview";

    /// <summary>Addresses are lower-case hex; an upper-case one from a case system means the same item.</summary>
    private static string Address(string sha256) => sha256.Trim().ToLowerInvariant();

    private static SecondOpinionResponse ToResponse(SecondOpinionItem item) =>
        new(item.MediaSha256, item.Note, item.RequestedBy, item.RequestedAt, PreviewUrl(item.MediaSha256));

}
