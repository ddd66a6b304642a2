using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Clearline.Identity;
using Clearline.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Clearline.Pages.HashLists;

/// <summary>
/// Uploads a file into a hash list and shows the import's progress, counts and first line errors. The upload is
/// streamed from the request straight into the encrypted media store: never buffered whole, never on disk in plaintext.
/// </summary>
/// <remarks>
/// Only people who may manage hash lists, and only for lists their organisation owns; any other list is "not found".
/// The antiforgery token is checked by hand, from the first part of the form, because the framework's check would
/// read (and buffer to disk) the whole form, file included, before the page runs.
/// </remarks>
[Authorize(Policy = "Permission:" + nameof(Permission.ManageHashLists))]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(HashListImportOptions.UpperLimitBytes)]
public sealed class ImportModel(
    ClearlineDbContext db, HashListImports imports, IAntiforgery antiforgery, IOptions<HashListImportOptions> options) : PageModel
{
    public const int ErrorsShown = 100;

    private const string TokenField = "__RequestVerificationToken";

    public HashList List { get; private set; } = null!;

    public HashListImport? Import { get; private set; }

    /// <summary>Why the import will never finish although its state says otherwise (its job failed).</summary>
    public string? JobFailure { get; private set; }

    public IReadOnlyList<HashListImportError> Errors { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? importId, CancellationToken ct)
    {
        if (!await LoadListAsync(id, ct))
        {
            return NotFound();
        }

        if (importId is { } shown)
        {
            Import = await imports.FindAsync(id, shown, List.OwnerOrganisationId!.Value, ct);
            if (Import is null)
            {
                return NotFound();
            }

            JobFailure = await imports.JobFailureAsync(Import, ct);
            Errors = await imports.ErrorsAsync(Import.Id, afterId: null, ErrorsShown, ct);
        }

        return Page();
    }

    /// <remarks>No handler parameters or bound properties: either would make the framework read the whole form first.</remarks>
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) || !await LoadListAsync(id, ct))
        {
            return NotFound();
        }

        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFileBytes;
        }

        if (Request.ContentLength > MaxFileBytes)
        {
            return Refuse($"The file is larger than the limit of {MaxFileBytes:N0} bytes.");
        }

        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType) || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return BadRequest();
        }

        var reader = new MultipartReader(boundary, Request.Body);
        string? token = null;
        string? formatName = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
            {
                case TokenField:
                    token = await ReadFieldAsync(section, ct);
                    break;
                case "format":
                    formatName = await ReadFieldAsync(section, ct);
                    break;
                case "file" when disposition.IsFileDisposition():
                    return await StartAsync(id, section, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, token, formatName, ct);
            }
        }

        return Refuse("Choose a file to import.");
    }

    private async Task<IActionResult> StartAsync(Guid id, MultipartSection file, string? fileName, string? token, string? formatName, CancellationToken ct)
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

        HashListFormat? format = null;
        if (!string.IsNullOrEmpty(formatName))
        {
            if (!HashListFormatNames.TryParse(formatName, out var parsed))
            {
                return Refuse($"Unknown format '{formatName}'.");
            }

            format = parsed;
        }

        var userId = User.UserId()!.Value;
        var result = await imports.StartAsync(id, file.Body, fileName, format, AuditActor.User(userId), List.OwnerOrganisationId!.Value, userId, ct);
        return result.IsSuccess
            ? RedirectToPage(new { id, importId = result.Value!.Id })
            : Refuse(result.Error.Message);
    }

    private PageResult Refuse(string message)
    {
        ErrorMessage = message;
        return Page();
    }

    /// <summary>The list, when the signed-in person's organisation manages it.</summary>
    private async Task<bool> LoadListAsync(Guid id, CancellationToken ct)
    {
        var organisationId = User.OrganisationId();
        var list = await db.Set<HashList>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (list is null || organisationId is not { } organisation || !list.IsManagedBy(organisation))
        {
            return false;
        }

        List = list;
        return true;
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
