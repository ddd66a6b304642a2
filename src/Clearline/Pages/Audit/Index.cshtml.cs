using System.Globalization;

namespace Clearline.Pages.Audit;

/// <summary>
/// The audit viewer: the organisation's audit entries (a coordinator's: the network's), filtered, newest first, a page
/// at a time, with a CSV download of every matching entry and the chain's status; for a supervisor, the team's
/// daily exposure.
/// </summary>
/// <remarks>
/// Which entries appear is decided by <see cref="AuditQueries"/> from the caller's organisation, never from the query
/// string. The chain status is the cheap head check (<see cref="AuditVerifier.CheckHeadAsync"/>: two rows read), so
/// opening the page can never start a walk over millions of entries; the full walk is the operator's
/// <c>clearline audit verify</c>.
/// </remarks>
[RequirePermission(Permission.ViewAudit)]
public sealed class IndexModel(Caller caller, AuditQueries queries, AuditVerifier verifier, TeamExposure exposure, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public AuditPage? Entries { get; private set; }

    public AuditHeadCheck? Chain { get; private set; }

    /// <summary>The team's exposure over the last two weeks; null unless the person supervises a team.</summary>
    public IReadOnlyList<ExposureDay>? Exposure { get; private set; }

    public bool ShowsOrganisation => caller.IsCoordinator;

    public string? Error { get; private set; }

    public static IEnumerable<AuditAction> Actions =>
        Enum.GetValues<AuditAction>().OrderBy(AuditActionWords.Describe, StringComparer.OrdinalIgnoreCase);

    /// <summary>The filters as a query string, for the CSV link and the next page.</summary>
    public string Query => string.Join('&', new (string Name, string? Value)[] { ("actor", Actor), ("action", ActionName), ("target", Target), ("from", From), ("to", To) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Chain = await verifier.CheckHeadAsync(ct);
        var filter = AuditFilter.Parse(Actor, ActionName, Target, From, To);
        if (!filter.IsSuccess)
        {
            Error = filter.Error.Message;
            return Page();
        }

        var page = await queries.PageAsync(caller, filter.Value, Before, AuditQueries.DefaultLimit, ClientIp, ct);
        if (!page.IsSuccess)
        {
            Error = page.Error.Message;
            return Page();
        }

        Entries = page.Value;
        if (caller.Role is Role.Supervisor)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var days = await exposure.DaysAsync(caller, today.AddDays(-13), today, ClientIp, ct);
            Exposure = days.IsSuccess ? days.Value : [];
        }

        return Page();
    }

    public IActionResult OnGetCsv(CancellationToken ct)
    {
        var filter = AuditFilter.Parse(Actor, ActionName, Target, From, To);
        if (!filter.IsSuccess)
        {
            return BadRequest(filter.Error.Message);
        }

        var rows = queries.ExportAsync(caller, filter.Value, ClientIp, ct);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{AuditCsv.FileName(time.GetUtcNow())}\"";
        return new CsvResult(rows);
    }

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"3 h 05 min": the one duration format for minutes.</summary>
    public static string Minutes(int minutes) => minutes >= 60
        ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min")
        : string.Create(CultureInfo.InvariantCulture, $"{minutes} min");

    private string? ClientIp => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>Streams the CSV as it is read, so a large export never sits in memory.</summary>
    private sealed class CsvResult(IAsyncEnumerable<AuditRow> rows) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = AuditCsv.ContentType;
            await AuditCsv.WriteAsync(response.Body, rows, context.HttpContext.RequestAborted);
        }
    }
}
