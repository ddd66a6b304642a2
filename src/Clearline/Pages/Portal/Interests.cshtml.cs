using Clearline.Deconfliction;
using Clearline.LawEnforcement;

namespace Clearline.Pages.Portal;

/// <summary>
/// An item's interests on a page of their own (<c>?sha256=</c>), and where the interests panel posts: declaring
/// ("we have an interest in this item", with an optional contact line) and withdrawing the organisation's interest.
/// </summary>
/// <remarks>
/// Police units and INTERPOL only, for items of <see cref="PortalAccess"/>: anyone else, and any other item, gets 404
/// from <see cref="Interests"/>. After the post it returns to the page it came from when that is a local address.
/// </remarks>
[RequirePermission(Permission.ViewContent)]
public sealed class InterestsModel(Caller caller, Interests interests) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Sha256 { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IActionResult OnGet()
    {
        var officer = Officer.For(caller);
        return (officer.IsPolice || officer.IsInterpol) && Overlaps.IsSha256(Sha256) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeclareAsync(string? contact, string? returnUrl, CancellationToken ct)
    {
        var result = await interests.DeclareAsync(Officer.For(caller), Sha256 ?? string.Empty, contact, ct);
        return Done(result.Error, "Your organisation's interest is registered: others working on this item, its hashes or its site now see it.", returnUrl);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string? returnUrl, CancellationToken ct)
    {
        var result = await interests.WithdrawAsync(Officer.For(caller), Sha256 ?? string.Empty, ct);
        return Done(result.Error, "Your organisation's interest is withdrawn.", returnUrl);
    }

    private IActionResult Done(Results.Error? error, string done, string? returnUrl)
    {
        if (error is Results.NotFoundError)
        {
            return NotFound();
        }

        StatusMessage = error?.Message ?? done;
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage(new { sha256 = Sha256 });
    }
}
