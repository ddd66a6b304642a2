using Clearline.Api;
using Clearline.Icse;
using Clearline.LawEnforcement;

namespace Clearline.Pages.Interpol;

/// <summary>INTERPOL's past hand-offs to ICSE (when, who, how many), each downloadable again (audited).</summary>
[RequirePermission(Permission.HandOffToIcse)]
public sealed class BatchesModel(Caller caller, IcseBatches batches) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<IcseBatchView> Batches { get; private set; } = [];

    public Guid? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Cursor { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var page = await batches.PageAsync(Officer.For(caller), Cursor, PageSize, ct);
        if (!page.IsSuccess)
        {
            return BadRequest(page.Error.Message);
        }

        Batches = page.Value.Items;
        NextCursor = page.Value.NextCursor;
        return Page();
    }

    /// <summary>Streams the batch's ZIP (originals, icse.csv, vics.json); audited.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(Guid id, CancellationToken ct)
    {
        var officer = Officer.For(caller);
        var batch = await batches.FindAsync(officer, id, ct);
        if (!batch.IsSuccess)
        {
            return StatusCode(ErrorProblems.StatusCode(batch.Error));
        }

        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = IcseBatches.FileName(batch.Value) }.ToString();
        await batches.WriteAsync(officer, batch.Value, Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public string Who(IcseBatchView batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.ByApiKey ? $"API key {batch.CreatedBy:D}" : batch.CreatedBy == caller.PrincipalId ? "you" : $"officer {batch.CreatedBy:D}";
    }
}
