using Clearline.Classification;
using Clearline.Media;

namespace Clearline.Pages.Assessment;

/// <summary>The hotline's second-opinion queue: items an analyst was unsure about, decided here by another analyst or the supervisor.</summary>
/// <remarks>Only people who may classify, and only their own hotline's requests; decisions post to the workspace's handlers.</remarks>
[RequirePermission(Permission.Classify)]
public sealed class SecondOpinionModel(Caller caller, SecondOpinions secondOpinions, AssessmentQueue queue, Wellbeing wellbeing, FoundItems found)
    : PageModel
{
    public IReadOnlyList<Tile> Tiles { get; private set; } = [];

    public IReadOnlyList<ConflictNote> Conflicts { get; private set; } = [];

    public string? Status { get; private set; }

    public bool CanReveal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var assessor = Assessor.For(caller);

        var outcome = TempData.TakeOutcome();
        (Status, Conflicts) = (outcome?.Status, outcome?.Conflicts ?? []);
        var waiting = await secondOpinions.ListAsync(assessor.OrganisationId, AssessmentQueue.MaxPageSize, ct);
        var addresses = waiting.Select(w => w.MediaSha256).ToList();
        var items = await found.ItemsAsync(addresses, ct);
        var filters = (await wellbeing.TodayAsync(assessor.AnalystId, ct)).Filters;
        var tiles = new List<Tile>(waiting.Count);
        foreach (var request in waiting)
        {
            var item = items[request.MediaSha256];
            var queued = new QueuedItem(item.Sha256, item.Format, item.Format.IsVideo(), item.Width, item.Height, item.FirstSeenAt);
            var hints = await queue.ProbablyKnownAsync(item.Sha256, assessor.ListViewer, ct);
            tiles.Add(Tile.Of(queued, hints, filters, Conflicts.FirstOrDefault(c => c.Sha256 == item.Sha256)?.Message) with { Note = request.Note ?? "(no note)" });
        }

        Tiles = tiles;
        CanReveal = caller.Has(Permission.ViewContent);
        return Page();
    }
}
