using System.Globalization;
using Clearline.PublicReporting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Clearline.Pages.PublicReport;

/// <summary>
/// The reporter's status page, <c>/report/status/{reference}</c>: received, being handled or handled, the date and the
/// hotline's name. <c>/report/status</c> asks for the reference.
/// </summary>
/// <remarks>
/// The reference is the only key and it is the reporter's; the page shows nothing a reference could be abused to learn
/// (no content, findings, addresses or why an address was closed). An unknown reference is a 404 that helps to type it
/// again; lookups are limited per client (<see cref="PublicFormGuard.StatusLookupPolicy"/>).
/// </remarks>
[PublicPage]
[EnableRateLimiting(PublicFormGuard.StatusLookupPolicy)]
public sealed class StatusModel(PublicReportStatuses statuses, IStringLocalizer<PublicReportTexts> texts) : PageModel
{
    /// <summary>The report's status, when the reference was found.</summary>
    public PublicReportStatusView? Report { get; private set; }

    /// <summary>The reference as typed (to show it back), or null when none was given.</summary>
    public string? Typed { get; private set; }

    /// <summary>Why the typed reference cannot be one.</summary>
    public string? Problem { get; private set; }

    /// <summary>Whether the reporter arrives straight from sending the form (the page thanks them).</summary>
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var language = PublicPageAttribute.LanguageOf(HttpContext).Culture.Name;
        if (RouteData.Values["reference"] is not string reference)
        {
            Typed = Shorten(Request.Query["reference"]);
            if (string.IsNullOrWhiteSpace(Typed))
            {
                Typed = null;
                return Page();
            }

            if (PublicReportStatuses.Normalise(Typed) is { } normalised)
            {
                return Redirect(PathOf(normalised, language, sent: false));
            }

            Problem = texts["ReferenceInvalid"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Typed = Shorten(reference);
        Report = await statuses.FindAsync(reference, ct);
        if (Report is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Sent = Request.Query["sent"] == "1";
        return Page();
    }

    /// <summary>The status's value in the page's <c>data-status</c> attribute, the same in every language.</summary>
    public static string Slug(PublicReportStatus status) => status switch
    {
        PublicReportStatus.Received => "received",
        PublicReportStatus.BeingHandled => "being-handled",
        PublicReportStatus.Handled => "handled",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The status page of <paramref name="reference"/> in <paramref name="language"/>, thanking the reporter when just <paramref name="sent"/>.</summary>
    public static string PathOf(string reference, string language, bool sent) =>
        string.Create(CultureInfo.InvariantCulture, $"/report/status/{Uri.EscapeDataString(reference)}?lang={Uri.EscapeDataString(language)}{(sent ? "&sent=1" : "")}");

    private static string? Shorten(string? typed) => typed is { Length: > 40 } ? typed[..40] : typed;
}
