using Clearline.HashLists;
using Clearline.HashLists.Formats;
using Clearline.HashLists.Import;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Clearline.Pages.HashLists;

/// <summary>
/// Uploads a file into a hash list and shows the import's progress, counts and first line errors. The upload is
/// streamed from the request straight into the encrypted media store: never buffered whole, never on disk in plaintext.
/// </summary>
/// <remarks>
/// Only people who may manage hash lists, and only for lists their organisation owns; any other list is "not found".
/// The file and the antiforgery token are read by <see cref="StreamedUpload"/>.
/// </remarks>
[RequirePermission(Permission.ManageHashLists)]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(HashListImportOptions.UpperLimitBytes)]
public sealed class ImportModel(
    Caller caller, HashListImports imports, IAntiforgery antiforgery, IOptions<HashListImportOptions> options) : PageModel
{
    public const int ErrorsShown = 100;

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

        var (upload, answer) = await StreamedUpload.ReadForAsync(this, antiforgery, () => Refuse("Choose a file to import."), ct);
        if (upload is null)
        {
            return answer!;
        }

        HashListFormat? format = null;
        if (upload.Fields.GetValueOrDefault("format") is { Length: > 0 } formatName)
        {
            if (!HashListFormatNames.TryParse(formatName, out var parsed))
            {
                return Refuse($"Unknown format '{formatName}'.");
            }

            format = parsed;
        }

        var acceptPartial = upload.Fields.GetValueOrDefault("acceptPartial") == "true";
        var result = await imports.StartAsync(
            id, upload.File, upload.FileName, format, caller.Actor, List.OwnerOrganisationId!.Value, caller.UserId, acceptPartial, ct);
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
        if (await imports.ManagedListAsync(id, caller.OrganisationId, ct) is not { } list)
        {
            return false;
        }

        List = list;
        return true;
    }
}
