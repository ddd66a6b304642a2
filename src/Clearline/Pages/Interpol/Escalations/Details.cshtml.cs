using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Escalation;
using Clearline.LawEnforcement;

namespace Clearline.Pages.Interpol.Escalations;

/// <summary>One escalation: its item (blurred), causes, priority and state; take it, change its state, give feedback to the reporting hotline.</summary>
/// <remarks>INTERPOL officers only; anyone else, and an escalation that does not exist, is "not found".</remarks>
[RequirePermission(Permission.IdentifyVictims)]
public sealed class DetailsModel(Caller caller, Clearline.Escalation.Escalations escalations) : PageModel
{
    public EscalationView Escalation { get; private set; } = null!;

    public bool CanReveal => caller.Has(Permission.ViewContent);

    [BindProperty]
    public StateInput State { get; set; } = new();

    [BindProperty]
    public FeedbackInput Feedback { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostTakeAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "You took the escalation.", "", () => escalations.TakeAsync(Officer.For(caller), id, ct), ct);

    public Task<IActionResult> OnPostStateAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "The state is changed.", "State.", () => escalations.ChangeStateAsync(Officer.For(caller), id, State.State, ct), ct);

    public Task<IActionResult> OnPostFeedbackAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "The feedback is sent to the reporting hotline.", "Feedback.", () => escalations.GiveFeedbackAsync(Officer.For(caller), id, Feedback.Note, ct), ct);

    private async Task<IActionResult> ChangeAsync(Guid id, string done, string prefix, Func<Task<Result<EscalationView>>> change, CancellationToken ct)
    {
        var result = await change();
        if (result.IsSuccess)
        {
            StatusMessage = done;
            return RedirectToPage(new { id });
        }

        var error = result.Error!;
        if (ErrorProblems.StatusCode(error) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (error is InvalidError && prefix.Length > 0)
        {
            ModelState.AddModelError(ErrorProblems.FormField(error, prefix, otherwise: prefix + "Note"), error.Message);
        }
        else
        {
            Error = error.Message;
        }

        Response.StatusCode = ErrorProblems.StatusCode(error);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await escalations.FindAsync(Officer.For(caller), id, ct);
        if (!result.IsSuccess)
        {
            return false;
        }

        Escalation = result.Value!;
        return true;
    }

    public sealed class StateInput
    {
        public EscalationState? State { get; set; }
    }

    public sealed class FeedbackInput
    {
        [StringLength(ItemEscalation.FeedbackMaxLength)]
        public string? Note { get; set; }
    }
}
