using Clearline.Classification;
using Clearline.Organisations;

namespace Clearline.Pages.Assessment;

/// <summary>One item for a mouse user: its preview, where it was found, its classification history and the classify form.</summary>
/// <remarks>
/// Only items the hotline found or was routed (<see cref="FoundItems"/>); any other address is 404, exactly like one
/// that does not exist. Of content routed from another hotline the URL and hosting country are shown, never that
/// hotline's report.
/// </remarks>
[RequirePermission(Permission.Classify)]
public sealed class ItemModel(
    Caller caller, ClassificationHistory history, Classifier classifier, Wellbeing wellbeing, FoundItems items, OrganisationDirectory organisations)
    : PageModel
{
    public Tile Tile { get; private set; } = null!;

    public IReadOnlyList<ItemOccurrence> Occurrences { get; private set; } = [];

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    /// <summary>The names of the organisations that decided, by id.</summary>
    public IReadOnlyDictionary<Guid, string> Deciders { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The decision holding for the hotline now, which a new decision must name (optimistic concurrency).</summary>
    public MediaClassification? Current { get; private set; }

    public IReadOnlyList<ConflictNote> Conflicts { get; private set; } = [];

    public string? Status { get; private set; }

    public bool CanReveal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string sha256, CancellationToken ct)
    {
        sha256 = sha256.Trim().ToLowerInvariant();
        var assessor = Assessor.For(caller);
        if (await history.ForAsync(sha256, assessor, ct) is not { IsSuccess: true } found)
        {
            return NotFound();
        }

        var outcome = TempData.TakeOutcome();
        (Status, Conflicts) = (outcome?.Status, outcome?.Conflicts ?? []);
        History = found.Value;
        var deciders = History.Where(h => h.OrganisationId is not null).Select(h => h.OrganisationId!.Value).Distinct().ToList();
        Deciders = await organisations.NamesAsync(deciders, ct);
        Current = await classifier.CurrentForAsync(sha256, assessor, ct);
        Occurrences = await items.OccurrencesAsync(assessor, sha256, ct);
        var item = (await items.ItemsAsync([sha256], ct))[sha256];
        var filters = (await wellbeing.TodayAsync(assessor.AnalystId, ct)).Filters;
        var firstFound = Occurrences.Count > 0 ? Occurrences.Min(o => o.FoundAt) : item.FirstSeenAt;
        Tile = Tile.Of(new QueuedItem(item.Sha256, item.Format, item.IsVideo, item.Width, item.Height, firstFound), [], filters, null);
        CanReveal = caller.Has(Permission.ViewContent);
        return Page();
    }
}
