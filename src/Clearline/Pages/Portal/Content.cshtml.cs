using Clearline.LawEnforcement;
using Clearline.Previews;

namespace Clearline.Pages.Portal;

/// <summary>
/// The content of the police and INTERPOL portals: an item's blurred preview (greyscale unless asked otherwise), and
/// its original on an explicit reveal, audited and counted before a byte is sent.
/// </summary>
/// <remarks>Only items of <see cref="PortalAccess"/>; any other address is 404, exactly like one that does not exist.</remarks>
[RequirePermission(Permission.ViewContent)]
public sealed class ContentModel(Caller caller, PortalContent content) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnGetPreviewAsync(string? sha256, CancellationToken ct, bool greyscale = true)
    {
        if (string.IsNullOrWhiteSpace(sha256))
        {
            return NotFound();
        }

        var result = await content.PreviewAsync(Officer.For(caller), sha256.Trim().ToLowerInvariant(), greyscale ? PreviewKind.GreyBlurred : PreviewKind.Blurred, ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(result.Value.Content, result.Value.ContentType);
    }

    /// <summary>The original bytes of one item, unblurred, in a new tab (an image) or as a download (a video, never played).</summary>
    public async Task<IActionResult> OnPostRevealAsync(string? item, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(item))
        {
            return NotFound();
        }

        var sha256 = item.Trim().ToLowerInvariant();
        var result = await content.RevealAsync(Officer.For(caller), sha256, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return result.Value.ContentType.StartsWith("image/", StringComparison.Ordinal)
            ? File(result.Value.Content, result.Value.ContentType)
            : File(result.Value.Content, result.Value.ContentType, fileDownloadName: sha256);
    }
}
