using System.Globalization;
using System.Text;
using Clearline.LawEnforcement;
using Clearline.Organisations;
using Clearline.Statistics;

namespace Clearline.Pages.Statistics;

/// <summary>The hotline's or the network's figures for a period, with bar charts and a CSV download.</summary>
/// <remarks>
/// The hotline scope is the person's organisation; the network scope shows aggregates only
/// (<see cref="StatisticsScope"/>), so every person with <see cref="Permission.ViewStatistics"/> may choose it. A police
/// unit or INTERPOL sees its own figures instead (<see cref="LawEnforcementStatistics"/>): it receives no reports.
/// </remarks>
[RequirePermission(Permission.ViewStatistics)]
public sealed class IndexModel(
    Caller caller, StatisticsQueries queries, LawEnforcementStatistics lawEnforcement, ReferralStatistics referralStatistics, TimeProvider time) : PageModel
{
    /// <summary>Whether the person is a police officer or an INTERPOL officer, who see the portals' figures.</summary>
    public bool IsLawEnforcement => caller.Kind is OrganisationKind.LawEnforcement or OrganisationKind.Interpol;

    public LawEnforcementFigures? LawEnforcementFigures { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary><c>week</c> or <c>month</c>: how the trend charts cut the period.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Interval { get; set; }

    public StatisticsFigures? Figures { get; private set; }

    /// <summary>The hotline's referrals to police made in the period and their feedback (hotline scope only).</summary>
    public ReferralFigures? Referrals { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The query string of the figures shown, for the CSV link.</summary>
    public string Query => Figures is null ? string.Empty
        : $"scope={Figures.Scope}&from={Uri.EscapeDataString(FormatDay(Figures.From))}&to={Uri.EscapeDataString(FormatDay(Figures.To))}&interval={Figures.Interval}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsLawEnforcement)
        {
            var figures = await LawEnforcementAsync(ct);
            if (!figures.IsSuccess)
            {
                Error = figures.Error.Message;
                return Page();
            }

            LawEnforcementFigures = figures.Value;
            From = FormatDay(figures.Value.From);
            To = FormatDay(figures.Value.To);
            return Page();
        }

        var request = StatisticsRequest.Parse(Scope, From, To, Interval, caller.OrganisationId, time.GetUtcNow());
        if (!request.IsSuccess)
        {
            Error = request.Error.Message;
            return Page();
        }

        Figures = await queries.ComputeAsync(request.Value, ct);
        Referrals = request.Value.Scope.OrganisationId is { } hotline ? await referralStatistics.ComputeAsync(hotline, Figures.From, Figures.To, ct) : null;
        Scope = Figures.Scope;
        Interval = Figures.Interval;
        From = FormatDay(Figures.From);
        To = FormatDay(Figures.To);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (IsLawEnforcement)
        {
            var portal = await LawEnforcementAsync(ct);
            return portal.IsSuccess
                ? File(Encoding.UTF8.GetBytes(LawEnforcementCsv.Write(portal.Value)), StatisticsCsv.ContentType, LawEnforcementCsv.FileName(portal.Value))
                : BadRequest(portal.Error.Message);
        }

        var request = StatisticsRequest.Parse(Scope, From, To, Interval, caller.OrganisationId, time.GetUtcNow());
        if (!request.IsSuccess)
        {
            return BadRequest(request.Error.Message);
        }

        var figures = await queries.ComputeAsync(request.Value, ct);
        return File(Encoding.UTF8.GetBytes(StatisticsCsv.Write(figures)), StatisticsCsv.ContentType, StatisticsCsv.FileName(figures));
    }

    /// <summary>The query string of the law-enforcement figures shown, for the CSV link.</summary>
    public string LawEnforcementQuery => LawEnforcementFigures is null ? string.Empty
        : $"from={Uri.EscapeDataString(FormatDay(LawEnforcementFigures.From))}&to={Uri.EscapeDataString(FormatDay(LawEnforcementFigures.To))}";

    /// <summary>A count, or a dash for a figure not counted.</summary>
    public static string Count(int? value) => value is { } count ? Count(count) : "–";

    private async Task<Result<LawEnforcementFigures>> LawEnforcementAsync(CancellationToken ct)
    {
        var period = StatisticsPeriod.Parse(From, To, time.GetUtcNow());
        return period.IsSuccess ? await lawEnforcement.ComputeAsync(Officer.For(caller), period.Value, ct) : period.Error;
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
