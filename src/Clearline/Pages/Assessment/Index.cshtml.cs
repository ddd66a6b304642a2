using Clearline.Classification;
using Clearline.Previews;

namespace Clearline.Pages.Assessment;

/// <summary>
/// The classification workspace: the hotline's queue as a grid of blurred previews, decided with the keyboard
/// (workspace.js) or with the forms alone, the analyst's wellbeing counters, previews and audited reveals.
/// </summary>
/// <remarks>
/// Only people who may classify. The organisation and the analyst come from the session; items the hotline neither
/// found nor was routed answer 404. Revealing an original also needs ViewContent and is audited and counted.
/// </remarks>
[RequirePermission(Permission.Classify)]
public sealed class IndexModel(Caller caller, AssessmentQueue queue, Wellbeing wellbeing) : PageModel
{
    public const int PageSize = 60;

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public IReadOnlyList<Tile> Tiles { get; private set; } = [];

    /// <summary>Conflicts of the last decision on items no longer in the queue (another analyst decided them).</summary>
    public IReadOnlyList<ConflictNote> Conflicts { get; private set; } = [];

    public string? Status { get; private set; }

    public string? NextCursor { get; private set; }

    public WellbeingToday Today { get; private set; } = null!;

    public bool CanReveal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor, CancellationToken ct)
    {
        var assessor = Assessor.For(caller);

        var page = await queue.PageAsync(assessor.ListViewer, assessor.CountryCode, cursor, PageSize, ct);
        if (!page.IsSuccess)
        {
            return RedirectToPage();
        }

        var outcome = TempData.TakeOutcome();
        Status = outcome?.Status;
        var conflicts = outcome?.Conflicts.ToDictionary(c => c.Sha256, c => c.Message, StringComparer.Ordinal) ?? [];
        Today = await wellbeing.TodayAsync(assessor.AnalystId, ct);
        var tiles = new List<Tile>(page.Value.Items.Count);
        foreach (var item in page.Value.Items)
        {
            var hints = await queue.ProbablyKnownAsync(item.MediaSha256, assessor.ListViewer, ct);
            tiles.Add(Tile.Of(item, hints, Today.Filters, conflicts.GetValueOrDefault(item.MediaSha256)));
        }

        Tiles = tiles;
        Conflicts = outcome?.Conflicts ?? [];
        NextCursor = page.Value.NextCursor;
        CanReveal = caller.Has(Permission.ViewContent);
        return Page();
    }

    /// <summary>The blurred preview (greyscale unless asked otherwise), or the neutral placeholder of a video.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(string? sha256, [FromServices] MediaPreviews previews, CancellationToken ct, bool greyscale = true)
    {
        if (string.IsNullOrWhiteSpace(sha256))
        {
            return NotFound();
        }

        var assessor = Assessor.For(caller);

        var result = await previews.GetAsync(assessor, sha256.Trim().ToLowerInvariant(), greyscale ? PreviewKind.GreyBlurred : PreviewKind.Blurred, ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(result.Value.Content, result.Value.ContentType);
    }

    /// <summary>The original bytes of one item, unblurred: only on an explicit request, audited and counted before a byte is sent.</summary>
    public async Task<IActionResult> OnPostRevealAsync(string? item, [FromServices] ContentReveals reveals, CancellationToken ct)
    {
        if (!caller.Has(Permission.ViewContent))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(item))
        {
            return NotFound();
        }

        var assessor = Assessor.For(caller);

        var result = await reveals.RevealAsync(assessor, item.Trim().ToLowerInvariant(), HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";

        // A video is saved, never played: a browser opening it inline might start it.
        return result.Value.ContentType.StartsWith("image/", StringComparison.Ordinal)
            ? File(result.Value.Content, result.Value.ContentType)
            : File(result.Value.Content, result.Value.ContentType, fileDownloadName: item.Trim().ToLowerInvariant());
    }

    public async Task<IActionResult> OnPostClassifyAsync([FromServices] Classifier classifier, CancellationToken ct) =>
        await DecideAsync(assessor => WorkspaceDecisions.ClassifyAsync(classifier, assessor, Input, ct), ct);

    public async Task<IActionResult> OnPostUnsureAsync([FromServices] SecondOpinions secondOpinions, CancellationToken ct) =>
        await DecideAsync(assessor => WorkspaceDecisions.RequestSecondOpinionAsync(secondOpinions, assessor, Input, ct), ct);

    public async Task<IActionResult> OnPostUndoAsync([FromServices] Classifier classifier, CancellationToken ct) =>
        await DecideAsync(assessor => WorkspaceDecisions.UndoAsync(classifier, assessor, ct), ct);

    /// <summary>Counts this minute as time in the workspace (sent once a minute while the page is visible); answers today's counters.</summary>
    public async Task<IActionResult> OnPostHeartbeatAsync(CancellationToken ct)
    {
        var today = await wellbeing.HeartbeatAsync(caller.PrincipalId, ct);
        return new JsonResult(new { reveals = today.Reveals, minutes = today.Minutes, overLimit = today.OverLimit, limitMinutes = (int)today.DailySoftLimit.TotalMinutes });
    }

    /// <summary>Runs a decision, keeps its outcome for the status line and sends the browser back to the screen it came from.</summary>
    private async Task<IActionResult> DecideAsync(Func<Assessor, Task<DecisionOutcome>> decide, CancellationToken ct)
    {
        var assessor = Assessor.For(caller);

        TempData.KeepOutcome(await decide(assessor));
        return Input.ReturnTo switch
        {
            "second-opinion" => RedirectToPage("/Assessment/SecondOpinion"),
            "item" when Input.Items is [var only] => RedirectToPage("/Assessment/Item", new { sha256 = only.Trim().ToLowerInvariant() }),
            _ => RedirectToPage("/Assessment/Index"),
        };
    }
}
