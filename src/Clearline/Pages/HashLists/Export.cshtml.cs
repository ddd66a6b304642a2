using Clearline.Api;
using Clearline.Classification;
using Clearline.HashLists.Export;
using Clearline.Organisations;
using Microsoft.Net.Http.Headers;

namespace Clearline.Pages.HashLists;

/// <summary>Downloads the network's classifications for partners, streamed straight from the database to the browser.</summary>
/// <remarks>
/// Needs <see cref="Permission.Export"/>. The exporting organisation is the person's own, which decides whose National
/// decisions are included (<see cref="ClassificationExport"/>); every download is audited.
/// </remarks>
[RequirePermission(Permission.Export)]
public sealed class ExportModel(Caller caller, OrganisationDirectory organisations, ClassificationExport export, TimeProvider time) : PageModel
{
    [BindProperty]
    public string Format { get; set; } = "vics";

    [BindProperty]
    public List<string> Verdicts { get; set; } = [nameof(Verdict.Baseline), nameof(Verdict.National)];

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await organisations.FindAsync(caller.OrganisationId, ct) is not { } exporter)
        {
            return Forbid();
        }

        var request = ClassificationExportRequest.Parse(Format, Verdicts, From, To);
        if (!request.IsSuccess)
        {
            ModelState.AddModelError(ErrorProblems.FormField(request.Error), request.Error.Message);
            return Page();
        }

        Response.ContentType = request.Value.ContentType;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = request.Value.FileName(time.GetUtcNow()) }.ToString();
        await export.WriteAsync(Response.Body, request.Value, exporter, caller.Actor, ct);
        return new EmptyResult();
    }
}
