using Clearline.Evidence;
using Clearline.LawEnforcement;

namespace Clearline.Pages.Police;

/// <summary>
/// Evidence packages for the police unit: the signing key's fingerprint to pin, and the download of one referral's or a
/// selection of items' signed package (posted from the referral page, or here with SHA-256s one per line).
/// </summary>
/// <remarks>
/// Only officers of a police unit (DownloadEvidence). A referral made to another unit or an item outside
/// <see cref="PortalAccess"/> answers 404, like one that does not exist.
/// </remarks>
[RequirePermission(Permission.DownloadEvidence)]
public sealed class EvidenceModel(Caller caller, EvidencePackages packages, InstanceSigningKey signingKey) : PageModel
{
    public string Fingerprint => signingKey.Fingerprint;

    public string PublicKeyPem => signingKey.PublicKeyPem;

    [BindProperty]
    public string? ItemList { get; set; }

    public void OnGet()
    {
    }

    /// <summary>Streams the package; the download is audited before the first byte.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(Guid? referralId, string[]? items, CancellationToken ct)
    {
        var selection = (items ?? []).Concat((ItemList ?? "").Split(['\n', '\r', ' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var result = await packages.PrepareAsync(Officer.For(caller), new EvidenceRequest(referralId, selection),
            HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.IsSuccess)
        {
            if (result.Error is NotFoundError)
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, result.Error.Message);
            return Page();
        }

        var package = result.Value;
        Api.EvidenceApi.AllowSynchronousWrites(HttpContext);
        Response.ContentType = EvidencePackage.ContentType;
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = package.FileName }.ToString();
        await package.WriteAsync(Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }
}
