using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Identity;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Pages.Assessment;

/// <summary>One item for a mouse user: its preview, where it was found, its classification history and the classify form.</summary>
/// <remarks>
/// Only items the hotline found or was routed (<see cref="FoundItems"/>); any other address is 404, exactly like one
/// that does not exist. Of content routed from another hotline the URL and hosting country are shown, never that
/// hotline's report.
/// </remarks>
[Authorize(Policy = "Permission:" + nameof(Permission.Classify))]
public sealed class ItemModel(Assessors assessors, ClassificationHistory history, Classifier classifier, Wellbeing wellbeing, ClearlineDbContext db, IAuthorizationService authorization)
    : PageModel
{
    public Tile Tile { get; private set; } = null!;

    public IReadOnlyList<Occurrence> Occurrences { get; private set; } = [];

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
        if (await assessors.AssessorAsync(User, ct) is not { } assessor || await history.ForAsync(sha256, assessor, ct) is not { IsSuccess: true } found)
        {
            return NotFound();
        }

        var outcome = TempData.TakeOutcome();
        (Status, Conflicts) = (outcome?.Status, outcome?.Conflicts ?? []);
        History = found.Value;
        var deciders = History.Where(h => h.OrganisationId is not null).Select(h => h.OrganisationId!.Value).Distinct().ToList();
        Deciders = await db.Set<Organisation>().AsNoTracking().Where(o => deciders.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        Current = await classifier.CurrentForAsync(sha256, assessor, ct);
        Occurrences = await OccurrencesAsync(sha256, assessor, ct);
        var item = await db.Set<MediaItem>().AsNoTracking().FirstAsync(m => m.Sha256 == sha256, ct);
        var filters = (await wellbeing.TodayAsync(assessor.AnalystId, ct)).Filters;
        var firstFound = Occurrences.Count > 0 ? Occurrences.Min(o => o.FoundAt) : item.FirstSeenAt;
        Tile = Tile.Of(new QueuedItem(item.Sha256, item.Format, item.IsVideo, item.Width, item.Height, firstFound), [], filters, null);
        CanReveal = (await authorization.AuthorizeAsync(User, Policies.Permission(Permission.ViewContent))).Succeeded;
        return Page();
    }

    private async Task<IReadOnlyList<Occurrence>> OccurrencesAsync(string sha256, Assessor assessor, CancellationToken ct)
    {
        var organisation = assessor.OrganisationId;
        var routed = db.Set<ContentRoute>().Where(r => r.AssignedOrganisationId == organisation).Select(r => r.CrawledUrlId);
        var occurrences = db.Set<MediaOccurrence>().IgnoreQueryFilters().Where(o => o.MediaSha256 == sha256);
        if (!assessor.IsCoordinator)
        {
            occurrences = occurrences.Where(o => o.OrganisationId == organisation || routed.Contains(o.CrawledUrlId));
        }

        var rows = await occurrences
            .Join(db.Set<CrawledUrl>().IgnoreQueryFilters(), o => o.CrawledUrlId, u => u.Id, (o, u) => new { o.OrganisationId, o.ReportId, u.Url, u.CountryCode, o.FoundIn, o.FoundAt })
            .OrderBy(r => r.FoundAt)
            .Take(200)
            .ToListAsync(ct);
        return [.. rows.Select(r => new Occurrence(r.OrganisationId == organisation ? r.ReportId : null, r.Url, r.CountryCode, r.FoundIn, r.FoundAt))];
    }
}
