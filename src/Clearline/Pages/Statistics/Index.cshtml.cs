using System.Globalization;
using System.Text;
using Clearline.Statistics;

namespace Clearline.Pages.Statistics;

/// <summary>The hotline's or the network's figures for a period, with bar charts and a CSV download.</summary>
/// <remarks>
/// The hotline scope is the person's organisation; the network scope shows aggregates only
/// (<see cref="StatisticsScope"/>), so every person with <see cref="Permission.ViewStatistics"/> may choose it.
/// </remarks>
[RequirePermission(Permission.ViewStatistics)]
public sealed class IndexModel(Caller caller, StatisticsQueries queries, ReferralStatistics referralStatistics, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public StatisticsFigures? Figures { get; private set; }

    /// <summary>The hotline's referrals to police made in the period and their feedback (hotline scope only).</summary>
    public ReferralFigures? Referrals { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The query string of the figures shown, for the CSV link.</summary>
    public string Query => Figures is null ? string.Empty
        : $"scope={Figures.Scope}&from={Uri.EscapeDataString(FormatDay(Figures.From))}&to={Uri.EscapeDataString(FormatDay(Figures.To))}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var request = StatisticsRequest.Parse(Scope, From, To, caller.OrganisationId, time.GetUtcNow());
        if (!request.IsSuccess)
        {
            Error = request.Error.Message;
            return Page();
        }

        Figures = await queries.ComputeAsync(request.Value, ct);
        Referrals = request.Value.Scope.OrganisationId is { } hotline ? await referralStatistics.ComputeAsync(hotline, Figures.From, Figures.To, ct) : null;
        Scope = Figures.Scope;
        From = FormatDay(Figures.From);
        To = FormatDay(Figures.To);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var request = StatisticsRequest.Parse(Scope, From, To, caller.OrganisationId, time.GetUtcNow());
        if (!request.IsSuccess)
        {
            return BadRequest(request.Error.Message);
        }

        var figures = await queries.ComputeAsync(request.Value, ct);
        return File(Encoding.UTF8.GetBytes(StatisticsCsv.Write(figures)), StatisticsCsv.ContentType, StatisticsCsv.FileName(figures));
    }

    /// <summary>A date when the instant is a midnight UTC (as the form writes it), otherwise the ISO 8601 instant.</summary>
    public static string FormatDay(DateTimeOffset value) => value.UtcDateTime.TimeOfDay == TimeSpan.Zero
        ? value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"66.7 % (2 of 3)", or a dash when there is nothing to divide by.</summary>
    public static string Share(double? share, int count, int of) => share is { } value
        ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0} % ({count:N0} of {of:N0})")
        : "–";

    /// <summary>"2 d 4 h" (<see cref="Words.Duration"/>, as on every screen), or a dash when nothing was removed.</summary>
    public static string Duration(TimeSpan? value) => value is { } duration ? Words.Duration(duration) : "–";
}
