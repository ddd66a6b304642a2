using Clearline.Api;
using Clearline.PublicReporting;
using Clearline.Reports;

namespace Clearline.Pages.Triage;

/// <summary>
/// The triage queue: the hotline's public report URLs, ranked by a score shown with its reasons, each accepted or
/// closed with a reason by one key (triage.js) or one button (without scripts).
/// </summary>
/// <remarks>People who may submit reports; the queue is their hotline's alone, and another hotline's URL is not found.</remarks>
[RequirePermission(Permission.SubmitReports)]
public sealed class IndexModel(Caller caller, TriageQueue queue, TriageDecisions decisions) : PageModel
{
    /// <summary>The most URLs shown at once.</summary>
    public const int PageSize = 100;

    /// <summary>The actions, each with its key, in the order of the buttons: the decision's value, the key, the words.</summary>
    public static IReadOnlyList<(string Value, string Key, string Text)> Actions { get; } =
    [
        (Accept, "A", "Accept"),
        (nameof(TriageCloseReason.NotIllegal), "N", "Not illegal"),
        (nameof(TriageCloseReason.Adult), "D", "Adult"),
        (nameof(TriageCloseReason.NotFound), "F", "Not found"),
        (nameof(TriageCloseReason.OutsideRemit), "O", "Outside remit"),
        (nameof(TriageCloseReason.Duplicate), "U", "Duplicate"),
    ];

    private const string Accept = "accept";

    public IReadOnlyList<TriageEntry> Entries { get; private set; } = [];

    public int Waiting { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Entries = await queue.ListAsync(caller, PageSize, ct);
        Waiting = await queue.CountAsync(caller.OrganisationId, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? decision, ContextInput? context, CancellationToken ct)
    {
        Result<TriageDecision> result;
        if (decision == Accept)
        {
            result = await decisions.AcceptAsync(caller, id, context?.ToEdit(), ct);
        }
        else
        {
            var reason = Enum.TryParse<TriageCloseReason>(decision, ignoreCase: false, out var parsed) ? parsed : (TriageCloseReason?)null;
            result = await decisions.CloseAsync(caller, id, reason, ct);
        }

        if (!result.IsSuccess && ErrorProblems.StatusCode(result.Error) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (result.IsSuccess)
        {
            StatusMessage = result.Value.CloseReason is { } closed
                ? $"Closed: {Actions.First(a => a.Value == closed.ToString()).Text.ToLowerInvariant()}."
                : "Accepted: the report is inserted, its crawl reused.";
        }
        else
        {
            ErrorMessage = result.Error.Message;
        }

        return RedirectToPage();
    }

    /// <summary>The ICCAM context an analyst may give when accepting; all optional.</summary>
    public sealed class ContextInput
    {
        public string? HotlineReference { get; set; }

        public SiteType SiteType { get; set; }

        public Commerciality Commerciality { get; set; }

        public ReportContextEdit? ToEdit() =>
            string.IsNullOrWhiteSpace(HotlineReference) && SiteType == default && Commerciality == default
                ? null
                : new(HotlineReference, null, SiteType, Commerciality);
    }
}
