using Clearline.LawEnforcement;
using Clearline.Pages.Portal;
using Clearline.Pages.Routes;

namespace Clearline.Pages.Police;

/// <summary>"Illegal content in our country": every item the police unit sees, newest decision first, to select for an evidence package.</summary>
/// <remarks>
/// Police officers only (<see cref="Permission.WorkReferrals"/>); the items are <see cref="PortalAccess"/>'s, shown
/// blurred and greyscale through <c>_PortalItem</c>, originals only on an audited reveal.
/// </remarks>
[RequirePermission(Permission.WorkReferrals)]
public sealed class ContentModel(Caller caller, PoliceContent content) : PageModel
{
    public const int PageSize = 24;

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<PoliceContentItem> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string? Error { get; private set; }

    public bool CanReveal => caller.Has(Permission.ViewContent);

    public bool CanDownloadEvidence => caller.Has(Permission.DownloadEvidence);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var page = await content.PageAsync(Officer.For(caller), Cursor, PageSize, ct);
        if (!page.IsSuccess)
        {
            Error = page.Error.Message;
            return;
        }

        Items = page.Value.Items;
        NextCursor = page.Value.NextCursor;
    }

    public PortalItemView View(PoliceContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var decision = item.Verdict switch
        {
            null => "Not decided",
            Classification.Verdict.National => $"National ({item.Jurisdiction})",
            { } verdict => verdict.Describe(),
        };
        List<(string, string)> facts =
        [
            ("Decision", decision),
            ("Age group", item.AgeGroup.Describe("–")),
            ("Hosted in", item.HostingCountries.Count == 0 ? "–" : string.Join(", ", item.HostingCountries)),
            ("Content URLs", item.ContentUrls.Count == 0 ? "–" : string.Join(" ", item.ContentUrls)),
            ("First found", RoutePages.Date(item.FirstFoundAt)),
            ("Referred to us", item.Referred ? "Yes" : "No"),
        ];
        return new PortalItemView(item.MediaSha256, facts, CanReveal);
    }
}
