namespace Clearline.Statistics;

/// <summary>One bar of a distribution: a key (country, site type, age group…) and how many it counts.</summary>
public sealed record StatisticsBucket(string Key, int Count);

/// <summary>
/// The figures of one scope and period (issue 6 §7). Every figure counts what was found through the reports
/// <em>received</em> in the period (<see cref="Reports.Report.ReceivedAt"/>), whenever it was later crawled, classified or
/// removed; shares are null when there is nothing to divide by.
/// </summary>
/// <param name="Scope"><c>hotline</c> or <c>network</c> (<see cref="StatisticsScope.Name"/>).</param>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Reports">Reports received in the period and inserted: a hotline's own, and public reports' URLs an analyst accepted (<see cref="Reports.ReportTriages.Inserted"/>).</param>
/// <param name="ContentUrls">Crawled URLs of those reports whose bytes were media (the content URLs).</param>
/// <param name="ItemsFound">Distinct media items at those content URLs.</param>
/// <param name="ItemsAssessed">Items found that hold at least one current (not superseded) classification.</param>
/// <param name="BaselineItems">Assessed items whose deciding classification is Baseline (see <see cref="StatisticsQueries"/>).</param>
/// <param name="NationalItems">Assessed items whose deciding classification is National.</param>
/// <param name="KnownItems">Assessed items whose deciding classification came automatically from known material.</param>
/// <param name="NewItems">Assessed items whose deciding classification an analyst made.</param>
/// <param name="HostingCountries">Content URLs per hosting country (at crawl time): the top countries, then <c>other</c> and <c>unknown</c>.</param>
/// <param name="SiteTypes">Reports per site type.</param>
/// <param name="AgeGroups">Illegal items per age group.</param>
/// <param name="Genders">Illegal items per gender.</param>
/// <param name="RoutesWithNotice">Routes of the content URLs on which a notice was given to the host.</param>
/// <param name="RoutesRemoved">Of those, the routes with confirmed removal (a time to removal).</param>
/// <param name="RemovedWithinThreeDays">Of those, the routes removed within three days of the first report.</param>
/// <param name="MedianTimeToRemoval">Nearest-rank median of the removed routes' time to removal.</param>
/// <param name="P90TimeToRemoval">Nearest-rank 90th percentile of the removed routes' time to removal.</param>
/// <param name="AssignedTakedown">
/// Hotline scope only (null for the network): the takedown of the content hosted in the hotline's country, that is
/// the routes assigned to it now (<see cref="Routing.ContentRoute.AssignedOrganisationId"/>) whose report was received
/// in the period, whoever reported them. The flat takedown figures follow the hotline's own reports, wherever the
/// content is hosted; this is the hosting country's measure (INHOPE's key takedown figure for a hotline).
/// </param>
public sealed record StatisticsFigures(
    string Scope,
    DateTimeOffset From,
    DateTimeOffset To,
    int Reports,
    int ContentUrls,
    int ItemsFound,
    int ItemsAssessed,
    int BaselineItems,
    int NationalItems,
    int KnownItems,
    int NewItems,
    IReadOnlyList<StatisticsBucket> HostingCountries,
    IReadOnlyList<StatisticsBucket> SiteTypes,
    IReadOnlyList<StatisticsBucket> AgeGroups,
    IReadOnlyList<StatisticsBucket> Genders,
    int RoutesWithNotice,
    int RoutesRemoved,
    int RemovedWithinThreeDays,
    TimeSpan? MedianTimeToRemoval,
    TimeSpan? P90TimeToRemoval,
    TakedownFigures? AssignedTakedown)
{
    /// <summary>
    /// INHOPE's figures over the same routes as the flat takedown figures (the scope's reports' content): police
    /// referral within three days, removal the same day, countries with and without a hotline, Not illegal closings.
    /// </summary>
    public RouteOutcomeFigures Outcomes { get; init; } = RouteOutcomeFigures.None;

    /// <summary>Hotline scope only: <see cref="Outcomes"/> over the routes assigned to the hotline (as <see cref="AssignedTakedown"/>).</summary>
    public RouteOutcomeFigures? AssignedOutcomes { get; init; }

    /// <summary>
    /// The removed routes (those counted by <see cref="RoutesRemoved"/>) per time to removal: every bin of
    /// <see cref="TimeToRemovalBins"/> in order, zero included.
    /// </summary>
    public IReadOnlyList<StatisticsBucket> TimeToRemoval { get; init; } = TimeToRemovalBins.Count([]);

    /// <summary><c>week</c> or <c>month</c>: how <see cref="Trend"/> cuts the period; null when no trend was asked for.</summary>
    public string? Interval { get; init; }

    /// <summary>The figures per week or month of the period (<see cref="StatisticsIntervals.Buckets"/>), empty buckets included.</summary>
    public IReadOnlyList<StatisticsTrendPoint> Trend { get; init; } = [];

    /// <summary>The public reports received in the period and their triage (<see cref="PublicReportFigures"/>); not cut by the trend.</summary>
    public PublicReportFigures PublicReports { get; init; } = PublicReportFigures.None;

    /// <summary>How soon after the first report removal counts as quick.</summary>
    public static readonly TimeSpan QuickRemoval = TimeSpan.FromDays(3);

    public int IllegalItems => BaselineItems + NationalItems;

    /// <summary>Illegal items among assessed items.</summary>
    public double? IllegalShare => Share(IllegalItems, ItemsAssessed);

    /// <summary>Items known from earlier material among assessed items; the rest are new.</summary>
    public double? KnownShare => Share(KnownItems, ItemsAssessed);

    /// <summary>Routes removed within three days among routes with a notice.</summary>
    public double? RemovedWithinThreeDaysShare => Share(RemovedWithinThreeDays, RoutesWithNotice);

    private static double? Share(int count, int of) => of == 0 ? null : (double)count / of;
}
