using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Retention;

namespace Clearline.Pages.Holds;

/// <summary>The organisation's legal holds: place one on a report or an item, lift one with the reason.</summary>
/// <remarks>People whose role may place legal holds; the holds are their organisation's alone.</remarks>
[RequirePermission(Permission.PlaceLegalHold)]
public sealed class IndexModel(Caller caller, LegalHolds holds) : PageModel
{
    public IReadOnlyList<HoldView> Holds { get; private set; } = [];

    [BindProperty]
    public PlaceInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string? LiftError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Holds = await holds.ListAsync(caller, ct);

    public async Task<IActionResult> OnPostPlaceAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var reportId = Guid.TryParse(Input.Subject?.Trim(), out var id) ? id : (Guid?)null;
            var sha = reportId is null ? Input.Subject : null;
            var result = await holds.PlaceAsync(caller, new PlaceHold(reportId, sha, Input.Reason), HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            if (result.IsSuccess)
            {
                StatusMessage = "The hold is placed: retention deletes nothing it covers until it is lifted.";
                return RedirectToPage();
            }

            // The page asks for one subject field where the API has two.
            var field = ErrorProblems.FormField(result.Error, "Input.", otherwise: "Input.Subject");
            ModelState.AddModelError(field == "Input.Reason" ? field : "Input.Subject", result.Error.Message);
        }

        Holds = await holds.ListAsync(caller, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id, string? liftReason, CancellationToken ct)
    {
        var result = await holds.LiftAsync(caller, id, liftReason, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (result.IsSuccess)
        {
            StatusMessage = "The hold is lifted.";
            return RedirectToPage();
        }

        if (ErrorProblems.StatusCode(result.Error) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        LiftError = result.Error.Message;
        Holds = await holds.ListAsync(caller, ct);
        return Page();
    }

    public sealed class PlaceInput
    {
        [Required(ErrorMessage = "Give a report id or an item's SHA-256.")]
        [StringLength(100)]
        public string? Subject { get; set; }

        [Required(ErrorMessage = "Say why the hold is placed.")]
        [StringLength(LegalHold.ReasonMaxLength)]
        public string? Reason { get; set; }
    }
}
