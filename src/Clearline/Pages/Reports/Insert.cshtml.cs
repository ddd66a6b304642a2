using System.ComponentModel.DataAnnotations;
using Clearline.Reports;

namespace Clearline.Pages.Reports;

/// <summary>Inserts one or many reported URLs (one per line) with the context they share, and shows what became of each.</summary>
/// <remarks>Only people who may submit reports; the reports are their own organisation's, from the session, never from input.</remarks>
[RequirePermission(Permission.SubmitReports)]
public sealed class InsertModel(Caller caller, ReportBatch batch) : PageModel
{
    /// <summary>The most URLs one form may hold; more belong in a CSV upload.</summary>
    public const int MaxUrls = 500;

    [BindProperty]
    public InsertInput Input { get; set; } = new();

    public IReadOnlyList<ReportBatchRow>? Results { get; private set; }

    public static IReadOnlyList<PaymentMethods> PaymentChoices { get; } = [.. Enum.GetValues<PaymentMethods>().Where(m => m != PaymentMethods.None)];

    public void OnGet()
    {
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

        // The password is never sent back to the browser, not even into the form it came from.
        Input.Password = null;
        ModelState.Remove("Input.Password");
        return Page();
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
