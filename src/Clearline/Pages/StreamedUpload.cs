using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Clearline.Pages;

/// <summary>
/// A file uploaded through a page, read as the request streams: never buffered whole nor written to disk in
/// plaintext (uploads are sensitive, and can be large). The short form fields before the file part are collected,
/// and the antiforgery token among them is checked by the framework's own check before the file is handed over
/// unread. Pages that use it carry <c>[IgnoreAntiforgeryToken]</c> and bind nothing, since either would make the
/// framework read the whole form first.
/// </summary>
internal sealed record StreamedUpload(Stream File, string? FileName, IReadOnlyDictionary<string, string> Fields)
{
    private const string TokenField = "__RequestVerificationToken";
    private const string FileField = "file";

    /// <summary>
    /// The upload posted to <paramref name="page"/>, or the page's answer instead: 400 for a request none of our forms
    /// sent (not a multipart form, its token missing or forged), <paramref name="noFile"/> for a form without a file.
    /// </summary>
    public static async Task<(StreamedUpload? Upload, IActionResult? Answer)> ReadForAsync(
        PageModel page, IAntiforgery antiforgery, Func<IActionResult> noFile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(noFile);
        try
        {
            return await ReadAsync(page.HttpContext, antiforgery, ct) is { } upload ? (upload, null) : (null, noFile());
        }
        catch (Exception e) when (e is InvalidDataException or AntiforgeryValidationException)
        {
            return (null, page.BadRequest());
        }
    }

    /// <summary>
    /// The form's <c>file</c> part and the fields before it, or null when the form has no file. The caller must read
    /// the file before the request ends.
    /// </summary>
    /// <exception cref="InvalidDataException">The request is not a multipart form.</exception>
    /// <exception cref="AntiforgeryValidationException">The form's token is missing or forged.</exception>
    private static async Task<StreamedUpload?> ReadAsync(HttpContext context, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new InvalidDataException("The request is not a multipart form.");
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { } name)
            {
                continue;
            }

            if (name == FileField && disposition.IsFileDisposition())
            {
                // The framework's own check, fed the token from the form's first part through the header it reads first.
                context.Request.Headers["RequestVerificationToken"] = fields.GetValueOrDefault(TokenField);
                await antiforgery.ValidateRequestAsync(context);
                fields.Remove(TokenField);
                return new StreamedUpload(section.Body, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, fields);
            }

            fields[name] = await ReadFieldAsync(section, ct);
        }

        return null;
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, CancellationToken ct)
    {
        // A form field is a short value; anything longer is not from these pages.
        var buffer = new char[1024];
        using var text = new StreamReader(section.Body);
        var read = await text.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }
}
