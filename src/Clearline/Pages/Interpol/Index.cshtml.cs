using Clearline.Api;
using Clearline.Icse;
using Clearline.LawEnforcement;
using Clearline.Media;
using Clearline.Pages.Portal;

namespace Clearline.Pages.Interpol;

/// <summary>
/// INTERPOL's queue of Baseline and National material, network-wide, not yet handed to ICSE: newest decision first,
/// with the deciding country, blurred previews, and "Export to ICSE" for the ticked items or the first N.
/// </summary>
[RequirePermission(Permission.HandOffToIcse)]
public sealed class IndexModel(Caller caller, IcseQueue queue, IcseBatches batches) : PageModel
{
    public const int PageSize = 48;

    public IReadOnlyList<IcseQueueItem> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    /// <summary>Also show items an imported ICSE list already holds (badged "in ICSE").</summary>
    [BindProperty(SupportsGet = true)]
    public bool ShowInIcse { get; set; }

    /// <summary>Also show items handed over in an earlier batch (badged "handed over").</summary>
    [BindProperty(SupportsGet = true)]
    public bool ShowHandedOver { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool CanReveal => caller.Has(Permission.ViewContent);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>Hands the ticked <paramref name="items"/> over, or the first <paramref name="limit"/> of the queue.</summary>
    public async Task<IActionResult> OnPostExportAsync(string[]? items, int? limit, bool includeHandedOver, CancellationToken ct)
    {
        var request = items is { Length: > 0 } ? new IcseBatchRequest(items, null, includeHandedOver) : new IcseBatchRequest(null, limit, includeHandedOver);
        var result = await batches.CreateAsync(Officer.For(caller), request, ct);
        if (result.IsSuccess)
        {
            StatusMessage = $"Batch of {result.Value.ItemCount} item(s) handed over to ICSE. Download it below.";
            return RedirectToPage("/Interpol/Batches");
        }

        if (ErrorProblems.StatusCode(result.Error) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, result.Error.Message);
        Cursor = null;
        return await LoadAsync(ct) ?? Page();
    }

    public PortalItemView View(IcseQueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        List<(string, string)> facts =
        [
            ("Decided in", item.Country ?? "unknown"),
            ("Verdict", item.Verdict.Describe()),
            ("Age group", item.AgeGroup.Describe()),
            ("Flags", item.Flags == Classification.ContentFlags.None ? "none" : item.Flags.Describe()),
            ("Decided", Routes.RoutePages.Date(item.DecidedAt)),
            ("Type", item.Format.IsVideo() ? "Video" : "Image"),
        ];
        return new PortalItemView(item.MediaSha256, facts, CanReveal);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var page = await queue.PageAsync(Officer.For(caller), new IcseQueueFilter(IncludeHandedOver: ShowHandedOver, IncludeInIcse: ShowInIcse), Cursor, PageSize, ct);
        if (!page.IsSuccess)
        {
            return BadRequest(page.Error.Message);
        }

        Items = page.Value.Items;
        NextCursor = page.Value.NextCursor;
        return null;
    }
}
