using Clearline.Reports;
using Microsoft.AspNetCore.Antiforgery;

namespace Clearline.Pages.Reports;

/// <summary>Uploads a CSV batch of reports (<see cref="ReportCsv"/>) and shows the result of every row.</summary>
/// <remarks>
/// Only people who may submit reports, for their own organisation. The file streams from the request
/// (<see cref="StreamedUpload"/>): reported URLs are sensitive and never buffered to disk.
/// </remarks>
[RequirePermission(Permission.SubmitReports)]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(ReportLimits.MaxBatchBytes)]
public sealed class UploadModel(Caller caller, ReportBatch batch, IAntiforgery antiforgery) : PageModel
{
    public IReadOnlyList<ReportBatchRow>? Results { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    /// <remarks>No handler parameters or bound properties: either would make the framework read the whole form first.</remarks>
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Request.ContentLength > ReportLimits.MaxBatchBytes)
        {
            return Refuse($"The file is larger than the limit of {ReportLimits.MaxBatchBytes:N0} bytes.");
        }

        var (upload, answer) = await StreamedUpload.ReadForAsync(this, antiforgery, () => Refuse("Choose a CSV file to upload."), ct);
        if (upload is null)
        {
            return answer!;
        }

        var result = await batch.SubmitAsync(caller.OrganisationId, caller.Actor, upload.File, ct);
        if (!result.IsSuccess)
        {
            return Refuse(result.Error.Message);
        }

        Results = result.Value;
        return Page();
    }

    private PageResult Refuse(string message)
    {
        ErrorMessage = message;
        return Page();
    }
}
