using Clearline.Api;
using Clearline.Notices;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>
/// Compose a notice to the host of a route's content: a draft from the template in the chosen language (optionally
/// gathering the hotline's other open content on the same IP address), which the analyst checks and edits, then sends
/// by e-mail or webhook. Sending records the notice to the host (<c>ReportedToHost</c>); a job delivers it.
/// </summary>
/// <remarks>A route the organisation may not see is "not found"; one it sees but does not act on is refused with the reason (403).</remarks>
[RequirePermission(Permission.Act)]
public sealed class NoticeModel(Caller caller, RouteViewers viewers, HostNotices notices, NoticeTemplates templates) : PageModel
{
    public Guid RouteId { get; private set; }

    public IReadOnlyList<string> Languages { get; private set; } = [];

    public IReadOnlyList<NoticeUrl> Urls { get; private set; } = [];

    public bool Gather { get; private set; }

    [BindProperty]
    public NoticeInput Input { get; set; } = new();

    /// <summary>Why the notice cannot be composed here (not the hotline that acts on the content).</summary>
    public string? Error { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? language, bool gather, CancellationToken ct)
    {
        RouteId = id;
        Gather = gather;
        Languages = templates.Languages();
        var draft = await notices.DraftAsync(await viewers.FindAsync(caller, ct), id, new NoticeDraftRequest(language, gather), ct);
        if (!draft.IsSuccess)
        {
            return Failed(draft.Error, "Input.Language");
        }

        Urls = draft.Value.Urls;
        Input = new NoticeInput
        {
            Channel = NoticeChannel.Email,
            Email = draft.Value.Recipient,
            Language = draft.Value.Language,
            Subject = draft.Value.Subject,
            Body = draft.Value.Body,
            RouteIds = [.. draft.Value.Urls.Select(u => u.RouteId)],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        RouteId = id;
        Languages = templates.Languages();
        var viewer = await viewers.FindAsync(caller, ct);
        var recipient = Input.Channel == NoticeChannel.Webhook ? Input.WebhookUrl : Input.Email;
        var result = await notices.SendAsync(viewer, id, new NoticeToSend(Input.Channel, recipient, Input.Language, Input.Subject, Input.Body, Input.RouteIds), caller.Actor, ct);
        if (result.IsSuccess)
        {
            StatusMessage = "The notice to the host is recorded and queued for delivery; its delivery state shows under Notices to the host.";
            return RedirectToPage("/Routes/Details", new { id });
        }

        Gather = Input.RouteIds.Count > 1;
        var draft = await notices.DraftAsync(viewer, id, new NoticeDraftRequest(HostNotices.DefaultLanguage, Gather), ct);
        Urls = draft.IsSuccess ? draft.Value.Urls.Where(u => Input.RouteIds.Contains(u.RouteId)).ToList() : [];
        var field = result.Error is InvalidError { Field: "recipient" }
            ? (Input.Channel == NoticeChannel.Webhook ? "Input.WebhookUrl" : "Input.Email")
            : ErrorProblems.FormField(result.Error, "Input.");
        return Failed(result.Error, field);
    }

    private IActionResult Failed(Error error, string field)
    {
        if (error is NotFoundError)
        {
            return NotFound();
        }

        if (error is InvalidError)
        {
            ModelState.AddModelError(field, error.Message);
        }
        else
        {
            Error = error.Message;
        }

        return new PageResult { StatusCode = ErrorProblems.StatusCode(error) };
    }
}

/// <summary>The notice form: the channel with its recipient, the language, and the editable subject and text.</summary>
public sealed class NoticeInput
{
    public NoticeChannel? Channel { get; set; }

    public string? Email { get; set; }

    public string? WebhookUrl { get; set; }

    public string? Language { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }

    public List<Guid> RouteIds { get; set; } = [];
}
