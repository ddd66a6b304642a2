using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.InvestigationHolds;
using Clearline.LawEnforcement;

namespace Clearline.Pages.Police;

/// <summary>The police unit's investigation holds: place one (prefilled from <c>?sha256=</c>), change its date, lift it.</summary>
/// <remarks>Officers whose role may place investigation holds; the holds are their unit's alone (another unit's answer 404).</remarks>
[RequirePermission(Permission.PlaceInvestigationHold)]
public sealed class HoldsModel(Caller caller, InvestigationHoldActions holds) : PageModel
{
    public IReadOnlyList<InvestigationHoldView> Active { get; private set; } = [];

    public IReadOnlyList<InvestigationHoldView> Past { get; private set; } = [];

    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string? RowError { get; private set; }

    public async Task OnGetAsync(string? sha256, Guid? referralId, CancellationToken ct)
    {
        Input.MediaSha256 = sha256;
        Input.ReferralId = referralId;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPlaceAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var request = new PlaceInvestigationHold(Input.MediaSha256, Input.ReferralId, Input.Until, Input.Reason, Input.ReasonShared);
            var result = await holds.PlaceAsync(Officer.For(caller), request, ClientIp, ct);
            if (result.IsSuccess)
            {
                StatusMessage = $"The hold is placed: the host of this item is not notified until {InvestigationHoldDates.Words(result.Value.Until)}.";
                return RedirectToPage();
            }

            ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Input.", otherwise: "Input.MediaSha256"), result.Error.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostUntilAsync(Guid id, DateOnly? until, CancellationToken ct) =>
        RowAsync(holds.ChangeUntilAsync(Officer.For(caller), id, until, ClientIp, ct), "The hold's date is changed.", ct);

    public Task<IActionResult> OnPostLiftAsync(Guid id, string? liftReason, CancellationToken ct) =>
        RowAsync(holds.LiftAsync(Officer.For(caller), id, liftReason, ClientIp, ct), "The hold is lifted: the hotline may notify the host.", ct);

    private string? ClientIp => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> RowAsync(Task<Result<InvestigationHoldView>> change, string done, CancellationToken ct)
    {
        var result = await change;
        if (result.IsSuccess)
        {
            StatusMessage = done;
            return RedirectToPage();
        }

        if (ErrorProblems.StatusCode(result.Error) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        RowError = result.Error.Message;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var page = await holds.ListAsync(Officer.For(caller), null, InvestigationHoldActions.MaxPageSize, ct);
        var all = page.IsSuccess ? page.Value.Items : [];
        Active = [.. all.Where(h => h.State == InvestigationHoldState.Active)];
        Past = [.. all.Where(h => h.State != InvestigationHoldState.Active)];
    }

    public sealed class PlaceInput
    {
        [Required(ErrorMessage = "Give the item's SHA-256.")]
        [StringLength(64, MinimumLength = 64, ErrorMessage = "An item's SHA-256 is 64 hexadecimal digits.")]
        public string? MediaSha256 { get; set; }

        public Guid? ReferralId { get; set; }

        [Required(ErrorMessage = "Give the date until which the host must not be notified.")]
        public DateOnly? Until { get; set; }

        [Required(ErrorMessage = "Say why the host must not be notified yet.")]
        [StringLength(InvestigationHold.ReasonMaxLength)]
        public string? Reason { get; set; }

        public bool ReasonShared { get; set; }
    }
}
