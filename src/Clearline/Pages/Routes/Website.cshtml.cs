using Clearline.Api;
using Clearline.Classification;
using Clearline.Routing;

namespace Clearline.Pages.Routes;

/// <summary>
/// The form behind "Mark this page illegal" on a report's page: marks one of the hotline's pages illegal (Baseline or
/// National), which routes the page URL, or withdraws that decision (no verdict); then back to the report.
/// </summary>
/// <remarks>People who classify (<see cref="Permission.Classify"/>); another hotline's page is not found.</remarks>
[RequirePermission(Permission.Classify)]
public sealed class WebsiteModel(Caller caller, WebsiteDecisions decisions) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public string? Error { get; private set; }

    public Guid ReportId { get; private set; }

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(Guid crawledUrlId, Guid reportId, string? verdict, CancellationToken ct)
    {
        ReportId = reportId;
        Result<WebsiteDecisionView> result;
        if (string.IsNullOrEmpty(verdict))
        {
            result = await decisions.WithdrawAsync(caller, crawledUrlId, ct);
        }
        else
        {
            Verdict? chosen = Enum.TryParse<Verdict>(verdict, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
            result = await decisions.DecideAsync(caller, crawledUrlId, chosen, ct);
        }

        if (result.IsSuccess)
        {
            StatusMessage = result.Value.WithdrawnAt is null ? "The page is marked illegal and its URL is routed." : "The page's decision is withdrawn.";
            return Redirect($"/Reports/{reportId:D}");
        }

        if (result.Error is NotFoundError)
        {
            return NotFound();
        }

        Error = result.Error.Message;
        return new PageResult { StatusCode = ErrorProblems.StatusCode(result.Error) };
    }
}
