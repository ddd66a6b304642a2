using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Clearline.Reports;

namespace Clearline.Pages.Reports;

/// <summary>Inserts one or many reported URLs (one per line) with the context they share, and shows what became of each.</summary>
/// <remarks>
/// <para>Only people who may submit reports; the reports are their own organisation's, from the session, never from input.</para>
/// <para>A submit whose lines were all taken (accepted or duplicate) redirects to an empty form with the results (post,
/// redirect, get), so a second click or a reload sends nothing again. When some lines are invalid, the page answers
/// at once with the results and only the invalid lines left in the form to correct: nothing typed is lost, and
/// nothing accepted is sent twice.</para>
/// </remarks>
[RequirePermission(Permission.SubmitReports)]
public sealed class InsertModel(Caller caller, ReportBatch batch) : PageModel
{
    /// <summary>The most URLs one form may hold; more belong in a CSV upload.</summary>
    public const int MaxUrls = 500;

    [BindProperty]
    public InsertInput Input { get; set; } = new();

    public IReadOnlyList<ReportBatchRow>? Results { get; private set; }

    public static IReadOnlyList<PaymentMethods> PaymentChoices { get; } = [.. Enum.GetValues<PaymentMethods>().Where(m => m != PaymentMethods.None)];

    /// <summary>The most characters of results carried across the redirect (a cookie); beyond, the rest is on the reports page.</summary>
    public const int MaxCarriedResults = 3000;

    /// <summary>The results of the submit before the redirect, as JSON; read once.</summary>
    [TempData]
    public string? Submitted { get; set; }

    /// <summary>How many lines the submit before the redirect had beyond those carried in <see cref="Submitted"/>.</summary>
    [TempData]
    public int? NotCarried { get; set; }

    public int MoreResults { get; private set; }

    public void OnGet()
    {
        if (Submitted is { } json)
        {
            Results = JsonSerializer.Deserialize<List<ReportBatchRow>>(json);
            MoreResults = NotCarried ?? 0;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var urls = (Input.Urls ?? "").Split('\n').Select((text, index) => (Text: text.Trim(), Line: index + 1)).Where(u => u.Text.Length > 0).ToList();
        if (urls.Count == 0)
        {
            ModelState.AddModelError("Input.Urls", "Enter at least one URL.");
        }
        else if (urls.Count > MaxUrls)
        {
            ModelState.AddModelError("Input.Urls", $"Enter at most {MaxUrls} URLs at once; upload a CSV file for more.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var payment = Input.PaymentMethods.Aggregate(PaymentMethods.None, (all, one) => all | one);
        var credentials = new GatedContentCredentials(Input.Username, Input.Password, Input.CredentialsNote);
        var lines = urls.Select(u => ReportBatchLine.Read(u.Line, new ReportSubmission(
            u.Text, Input.ReceivedAt, Input.HotlineReference, Input.SiteType, Input.Commerciality, payment, Input.Referrer, Input.Memo,
            credentials.IsEmpty ? null : credentials))).ToList();
        Results = await batch.SubmitAsync(caller.OrganisationId, caller.Actor, lines, ct);

        var invalid = Results.Where(r => r.Status == ReportBatchStatus.Invalid).Select(r => r.Line).ToHashSet();
        if (invalid.Count == 0)
        {
            Carry(Results);
            return RedirectToPage();
        }

        // Only the invalid lines stay, to be corrected and sent again; the password is never sent back to the browser.
        Input.Urls = string.Join('\n', urls.Where(u => invalid.Contains(u.Line)).Select(u => u.Text));
        ModelState.Remove("Input.Urls");
        Input.Password = null;
        ModelState.Remove("Input.Password");
        return Page();
    }

    /// <summary>Keeps as many results as fit a cookie for the page after the redirect, and how many did not fit.</summary>
    private void Carry(IReadOnlyList<ReportBatchRow> results)
    {
        var carried = new List<ReportBatchRow>(results.Count);
        var json = "[]";
        foreach (var row in results)
        {
            var next = JsonSerializer.Serialize<List<ReportBatchRow>>([.. carried, row]);
            if (next.Length > MaxCarriedResults)
            {
                break;
            }

            carried.Add(row);
            json = next;
        }

        Submitted = json;
        NotCarried = results.Count - carried.Count;
    }

    public sealed class InsertInput
    {
        [Display(Name = "URLs, one per line")]
        public string? Urls { get; set; }

        public DateTimeOffset? ReceivedAt { get; set; }

        [StringLength(ReportLimits.MaxReferenceLength)]
        public string? HotlineReference { get; set; }

        public SiteType SiteType { get; set; }

        public Commerciality Commerciality { get; set; }

        public List<PaymentMethods> PaymentMethods { get; set; } = [];

        [StringLength(ReportLimits.MaxUrlLength)]
        public string? Referrer { get; set; }

        [StringLength(ReportLimits.MaxMemoLength)]
        public string? Memo { get; set; }

        [StringLength(ReportLimits.MaxCredentialLength)]
        public string? Username { get; set; }

        [StringLength(ReportLimits.MaxCredentialLength)]
        public string? Password { get; set; }

        [StringLength(ReportLimits.MaxCredentialLength)]
        public string? CredentialsNote { get; set; }
    }
}
