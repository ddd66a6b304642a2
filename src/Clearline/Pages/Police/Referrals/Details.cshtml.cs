using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Classification;
using Clearline.LawEnforcement;
using Clearline.Pages.Portal;
using Clearline.Referrals;

namespace Clearline.Pages.Police.Referrals;

/// <summary>
/// One referral as the police unit works it: the item (blurred), the content URL and its hosting, why the hotline
/// referred it, the decision, the accept button, the feedback form and history, and the thread with the hotline.
/// </summary>
/// <remarks>
/// Only the receiving police unit: a referral of another unit (another country's), and any referral for INTERPOL,
/// a hotline, the coordinator or industry, is "not found" like one that does not exist (<see cref="ReferralAccess"/>).
/// A refused step shows the backend's reason with the status the API would answer (409 already accepted or closed,
/// 400 invalid input naming the field).
/// </remarks>
[RequirePermission(Permission.WorkReferrals)]
public sealed class DetailsModel(Caller caller, ReferralQueries queries, ReferralWork work) : PageModel
{
    public ReferralDetail Referral { get; private set; } = null!;

    [BindProperty]
    public FeedbackInput Feedback { get; set; } = new();

    [BindProperty]
    public MessageInput Message { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    /// <summary>The item as the portals show it: blurred, with Reveal for who may view content.</summary>
    public PortalItemView? Item => Referral.MediaSha256 is { } sha
        ? new PortalItemView(sha, [("Hosting country", Referral.HostingCountry ?? "Unknown"), ("Decision", Decision)], caller.Has(Permission.ViewContent))
        : null;

    public string Decision => Referral.Decisions.Count == 0
        ? "Not assessed"
        : string.Join("; ", Referral.Decisions.Select(d => d.Verdict == Verdict.National ? $"{d.Verdict.Describe()} ({d.Jurisdiction})" : d.Verdict.Describe()));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "The referral is accepted: it is yours to work on.", "Feedback.", async ct => ErrorOf(await work.AcceptAsync(Party, id, ct)), ct);

    public Task<IActionResult> OnPostFeedbackAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "The feedback is sent to the hotline.", "Feedback.", async ct =>
            ErrorOf(await work.GiveFeedbackAsync(Party, id, new NewFeedback(Feedback.Outcome, Feedback.Note, Feedback.Close), ct)), ct);

    public Task<IActionResult> OnPostMessageAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "The message is posted to the hotline.", "Message.", async ct => ErrorOf(await work.PostMessageAsync(Party, id, Message.Body, ct)), ct);

    private static Error? ErrorOf<T>(Result<T> result) => result.IsSuccess ? null : result.Error;

    private ReferralParty Party => ReferralParty.For(Officer.For(caller));

    private async Task<IActionResult> ChangeAsync(Guid id, string done, string prefix, Func<CancellationToken, Task<Error?>> change, CancellationToken ct)
    {
        var error = await change(ct);
        if (error is null)
        {
            StatusMessage = done;
            return RedirectToPage(new { id });
        }

        if (error is NotFoundError || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (error is InvalidError)
        {
            // The backend's sentence replaces the binder's (an unknown outcome binds to none, then Core names the field).
            var field = ErrorProblems.FormField(error, prefix);
            ModelState.Remove(field);
            ModelState.AddModelError(field, error.Message);
        }
        else
        {
            Error = error.Message;
        }

        return new PageResult { StatusCode = ErrorProblems.StatusCode(error) };
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await queries.FindAsync(Party, id, ct) is not { } referral)
        {
            return false;
        }

        Referral = referral;
        return true;
    }

    /// <summary>What the police tell the hotline.</summary>
    public sealed class FeedbackInput
    {
        [Display(Name = "Outcome")]
        public ReferralOutcome? Outcome { get; set; }

        [Display(Name = "Note to the hotline (optional)")]
        public string? Note { get; set; }

        [Display(Name = "This closes the referral")]
        public bool Close { get; set; }
    }

    /// <summary>A message to the thread.</summary>
    public sealed class MessageInput
    {
        [Display(Name = "Message")]
        public string? Body { get; set; }
    }
}
