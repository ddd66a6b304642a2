using System.Globalization;
using Clearline.Api;
using Clearline.PublicReporting;
using Clearline.Routing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Clearline.Pages.PublicReport;

/// <summary>
/// The public report form, <c>/report/{country}</c>: web addresses, what the reporter saw and where, and an optional
/// e-mail address kept only with consent. <c>/report</c> reports to <c>PublicReporting:DefaultCountry</c>'s hotline,
/// or lets the reporter choose one.
/// </summary>
/// <remarks>
/// <para>Anyone may send it: no sign-in, no upload (addresses only, so that no one has to keep material to report it).
/// The guard (<see cref="PublicFormGuard"/>: rate limit per client, proof of work, honeypot) runs before anything is
/// taken. The reporter's address is never read here; the report is audited as anonymous.</para>
/// <para>A refused form comes back with everything typed and each problem beside its field, in the reporter's
/// language. A taken one redirects to its status page (post, redirect, get), so a reload sends nothing twice.</para>
/// </remarks>
[PublicPage(ForHotline = true)]
[EnableRateLimiting(PublicFormGuard.RateLimitPolicy)]
public sealed class IndexModel(
    HotlineDesignations designations, PublicReportIntake intake, PublicFormGuard guard, IOptions<PublicReportingOptions> options,
    IStringLocalizer<PublicReportTexts> texts) : PageModel
{
    /// <summary>Address fields always shown; the rest of <see cref="PublicReportLimits.MaxUrls"/> wait behind "more addresses".</summary>
    public const int UrlsShown = 3;

    [BindProperty]
    public List<string?> Urls { get; set; } = [];

    [BindProperty]
    public string? WhatSeen { get; set; }

    [BindProperty]
    public string? WhereFound { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    [BindProperty]
    public bool ContactConsent { get; set; }

    [BindProperty]
    public bool WantsFeedback { get; set; }

    /// <summary>The hotline this form reports to; null when the reporter is to choose one.</summary>
    public DesignationView? Hotline { get; private set; }

    /// <summary>Every hotline of the network, to choose from when the address names none (or an unknown one).</summary>
    public IReadOnlyList<DesignationView> Hotlines { get; private set; } = [];

    /// <summary>The country the address asked for when it has no hotline.</summary>
    public string? UnknownCountry { get; private set; }

    public int RetentionDays => (int)Math.Ceiling(options.Value.ReporterDataRetention.TotalDays);

    public async Task<IActionResult> OnGetAsync(string? country, CancellationToken ct) =>
        await FindHotlineAsync(country, ct) ? Page() : Chooser();

    public async Task<IActionResult> OnPostAsync(string? country, CancellationToken ct)
    {
        if (!await FindHotlineAsync(country, ct))
        {
            return Chooser();
        }

        var outcome = guard.Check(Request.Form);
        if (!outcome.Passed)
        {
            ModelState.AddModelError("", texts[outcome.Problem ?? "GuardRefused"]);

            // A throttled request already answers 429 (the rate limiter ran this handler to render the form).
            return Response.StatusCode == StatusCodes.Status429TooManyRequests ? Page() : new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var given = Urls.Select((url, position) => (Url: url?.Trim(), Position: position)).Where(u => !string.IsNullOrEmpty(u.Url)).ToList();
        var language = PublicPageAttribute.LanguageOf(HttpContext).Culture.Name;
        var submission = new PublicReportSubmission(
            [.. given.Select(u => u.Url!)], WhatSeen, WhereFound, ContactEmail, ContactConsent, WantsFeedback, language);
        var received = await intake.SubmitAsync(Hotline!.OrganisationId, submission, PublicReportChannel.Form, AuditActor.Anonymous, ct);
        if (!received.IsSuccess)
        {
            var problem = PublicFormErrors.Localise(received.Error, [.. given.Select(u => u.Position)], texts);
            ModelState.AddModelError(problem.Field, problem.Message);
            return new PageResult { StatusCode = ErrorProblems.StatusCode(received.Error) };
        }

        return Redirect(StatusModel.PathOf(received.Value.Reference, language, sent: true));
    }

    /// <summary>The first problem with <paramref name="field"/> (e.g. <c>Urls[1]</c>), or null.</summary>
    public string? ErrorFor(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>Every problem, field first, for the summary atop the form.</summary>
    public IEnumerable<(string Field, string Message)> Errors =>
        ModelState.Where(e => e.Value is { Errors.Count: > 0 }).SelectMany(e => e.Value!.Errors.Select(x => (e.Key, x.ErrorMessage)));

    /// <summary>The id of the input a field's problem links to.</summary>
    public static string InputId(string field) =>
        field.StartsWith("Urls[", StringComparison.Ordinal) ? "Urls_" + field[5..^1] : field.Length == 0 ? "send-report" : field == "Urls" ? "Urls_0" : field;

    public string? UrlAt(int position) => position < Urls.Count ? Urls[position] : null;

    /// <summary>Whether any address beyond those always shown holds text or a problem (then "more addresses" opens).</summary>
    public bool MoreUrlsUsed => Enumerable.Range(UrlsShown, PublicReportLimits.MaxUrls - UrlsShown)
        .Any(p => !string.IsNullOrEmpty(UrlAt(p)) || ErrorFor(string.Create(CultureInfo.InvariantCulture, $"Urls[{p}]")) is not null);

    private async Task<bool> FindHotlineAsync(string? country, CancellationToken ct)
    {
        var code = (country ?? options.Value.DefaultCountry)?.Trim().ToUpperInvariant();
        Hotlines = await designations.ListAsync(ct);
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var organisation = code.Length == 2 && code.All(char.IsAsciiLetter) ? await designations.ResolveAsync(code, ct) : null;
        Hotline = Hotlines.FirstOrDefault(h => h.CountryCode == code && h.OrganisationId == organisation);
        UnknownCountry = Hotline is null ? code[..Math.Min(code.Length, 20)] : null;
        return Hotline is not null;
    }

    /// <summary>The list of hotlines to choose from: 404 when the address named a country that has none.</summary>
    private PageResult Chooser()
    {
        if (UnknownCountry is not null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
