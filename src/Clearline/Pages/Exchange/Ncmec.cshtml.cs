using Clearline.Api;
using Clearline.Exchange.Ncmec;

namespace Clearline.Pages.Exchange;

/// <summary>A list's NCMEC Hash Sharing source: where its pulls stand (state, last pull, last error, counts), its settings, and "pull now".</summary>
/// <remarks>
/// Only people who may manage hash lists, and only for lists their organisation owns; any other list is "not found".
/// The password is write-only: the page never shows it, and a blank one keeps the stored credentials.
/// </remarks>
[RequirePermission(Permission.ManageHashLists)]
public sealed class NcmecModel(Caller caller, NcmecSources sources) : PageModel
{
    public Guid ListId { get; private set; }

    public NcmecSource? Source { get; private set; }

    [BindProperty]
    public NcmecInput Input { get; set; } = new();

    public string? StatusMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Source is { } source)
        {
            Input = NcmecInput.From(source);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfigureAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await sources.ConfigureAsync(id, Input.ToRequest(), caller.OrganisationId, caller.Actor, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Input."), result.Error.Message);
            return Page();
        }

        Source = result.Value;
        StatusMessage = Source!.Enabled ? "Saved; a pull is queued." : "Saved; pulls are off.";

        // The form is shown again from what was stored: the credentials are never echoed back.
        ModelState.Clear();
        Input = NcmecInput.From(Source);
        return Page();
    }

    public async Task<IActionResult> OnPostPullAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var result = await sources.PullNowAsync(id, caller.OrganisationId, caller.Actor, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("", result.Error.Message);
        }
        else
        {
            Source = result.Value;
            StatusMessage = "A pull is queued; it resumes where the last one stopped.";
        }

        ModelState.Remove(nameof(Input));
        Input = Source is null ? new NcmecInput() : NcmecInput.From(Source);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        ListId = id;
        if (!await sources.ManagesListAsync(id, caller.OrganisationId, ct))
        {
            return false;
        }

        Source = await sources.FindAsync(id, caller.OrganisationId, ct);
        return true;
    }
}

/// <summary>The settings form; a blank user name and password keep the stored credentials.</summary>
public sealed class NcmecInput
{
    public NcmecEnvironment Environment { get; set; } = NcmecEnvironment.NpoCsam;

    public bool UseTestEnvironment { get; set; }

    public string? BaseUrl { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public int PullIntervalMinutes { get; set; } = 60;

    public bool Enabled { get; set; } = true;

    public bool FeedbackEnabled { get; set; }

    public string? FeedbackReason { get; set; }

    public static NcmecInput From(NcmecSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new()
        {
            Environment = source.Environment, UseTestEnvironment = source.UseTestEnvironment, BaseUrl = source.BaseUrl,
            PullIntervalMinutes = (int)source.PullInterval.TotalMinutes, Enabled = source.Enabled, FeedbackEnabled = source.FeedbackEnabled,
            FeedbackReason = source.FeedbackReason,
        };
    }

    public NcmecSourceRequest ToRequest()
    {
        var keep = string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password);
        return new(Environment, UseTestEnvironment, BaseUrl, keep ? null : Username ?? "", keep ? null : Password ?? "", PullIntervalMinutes, Enabled,
            FeedbackEnabled, FeedbackReason);
    }
}
