using Clearline.Audit;
using Clearline.Identity;
using Clearline.Reports;
using Clearline.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Clearline.Pages.Reports;

/// <summary>Uploads a CSV batch of reports (<see cref="ReportCsv"/>) and shows the result of every row.</summary>
/// <remarks>
/// Only people who may submit reports, for their own organisation. The file is read from the request as it
/// streams, never buffered to disk (reported URLs are sensitive); so the antiforgery token is checked by hand from
/// the form's first part, because the framework's check would read the whole form, file included, first.
/// </remarks>
[Authorize(Policy = "Permission:" + nameof(Permission.SubmitReports))]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(ReportLimits.MaxBatchBytes)]
public sealed class UploadModel(ReportBatch batch, IAntiforgery antiforgery) : PageModel
{
    private const string TokenField = "__RequestVerificationToken";

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

        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType) || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return BadRequest();
        }

        var reader = new MultipartReader(boundary, Request.Body);
        string? token = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (HeaderUtilities.RemoveQuotes(disposition.Name).Value == TokenField)
            {
                token = await ReadFieldAsync(section, ct);
            }
            else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value == "file" && disposition.IsFileDisposition())
            {
                return await SubmitAsync(section.Body, token, ct);
            }
        }

        return Refuse("Choose a CSV file to upload.");
    }

    private async Task<IActionResult> SubmitAsync(Stream csv, string? token, CancellationToken ct)
    {
        // The framework's own check, fed the token from the form's first part through the header it reads first.
        Request.Headers["RequestVerificationToken"] = token;
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }

        var result = await batch.SubmitAsync(User.OrganisationId()!.Value, AuditActor.User(User.UserId()!.Value), csv, ct);
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

    private static async Task<string> ReadFieldAsync(MultipartSection section, CancellationToken ct)
    {
        // A form field is a short value; anything longer is not from this page.
        var buffer = new char[1024];
        using var text = new StreamReader(section.Body);
        var read = await text.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }
}
