using System.Globalization;
using System.Text;

namespace Clearline.Statistics;

/// <summary>
/// The figures as CSV for spreadsheets: a <c>metric,key,value</c> header, then one row per figure (key empty) and one
/// per bucket of a distribution; for the hotline scope, the takedown of the content assigned to it follows as
/// <c>assigned_</c> rows (<see cref="StatisticsFigures.AssignedTakedown"/>), then the public reports as <c>public_report</c>
/// rows (<see cref="StatisticsFigures.PublicReports"/>), and the trend last, as <c>trend_</c> rows
/// keyed by the bucket's start. Shares are ratios (0 to 1) with four
/// decimals, durations are seconds, instants are ISO 8601 UTC; a share with nothing to divide by is an empty value.
/// </summary>
/// <remarks>
/// No field needs quoting or guarding against formula injection: every key is an enum name, an ISO country code or a
/// fixed word, and every value a number, an instant or a scope name.
/// </remarks>
public static class StatisticsCsv
{
    public const string ContentType = "text/csv";

    public static string FileName(StatisticsFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return string.Create(CultureInfo.InvariantCulture, $"clearline-statistics-{figures.Scope}-{figures.From:yyyyMMdd}-{figures.To:yyyyMMdd}.csv");
    }

    public static string Write(StatisticsFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var csv = new StringBuilder("metric,key,value\n");
        void Row(string metric, string key, string value) => csv.Append(CultureInfo.InvariantCulture, $"{metric},{key},{value}\n");
        void Figure(string metric, int value) => Row(metric, string.Empty, value.ToString(CultureInfo.InvariantCulture));
        void Ratio(string metric, double? value) => Row(metric, string.Empty, RatioText(value));
        void Seconds(string metric, TimeSpan? value) => Row(metric, string.Empty, SecondsText(value));
        void Buckets(string metric, IReadOnlyList<StatisticsBucket> buckets)
        {
            foreach (var bucket in buckets)
            {
                Row(metric, bucket.Key, bucket.Count.ToString(CultureInfo.InvariantCulture));
            }
        }

        void Takedown(string prefix, TakedownFigures takedown)
        {
            Figure($"{prefix}routes_with_notice", takedown.RoutesWithNotice);
            Figure($"{prefix}routes_removed", takedown.RoutesRemoved);
            Figure($"{prefix}removed_within_3_days", takedown.RemovedWithinThreeDays);
            Ratio($"{prefix}removed_within_3_days_share", takedown.RemovedWithinThreeDaysShare);
            Seconds($"{prefix}median_time_to_removal_seconds", takedown.MedianTimeToRemoval);
            Seconds($"{prefix}p90_time_to_removal_seconds", takedown.P90TimeToRemoval);
        }

        void Outcomes(string prefix, RouteOutcomeFigures outcomes)
        {
            Figure($"{prefix}routes_to_act_on", outcomes.RoutesToActOn);
            Figure($"{prefix}routes_withdrawn", outcomes.RoutesWithdrawn);
            Figure($"{prefix}referred_to_police", outcomes.ReferredToPolice);
            Figure($"{prefix}referred_within_3_days", outcomes.ReferredWithinThreeDays);
            Ratio($"{prefix}referred_within_3_days_share", outcomes.ReferredWithinThreeDaysShare);
            Figure($"{prefix}removed_same_day", outcomes.RemovedSameDay);
            Ratio($"{prefix}removed_same_day_share", outcomes.RemovedSameDayShare);
            Figure($"{prefix}closed_under_own_law", outcomes.ClosedUnderOwnLaw);
            Figure($"{prefix}closed_not_illegal_other", outcomes.ClosedNotIllegal);
            Buckets($"{prefix}country_with_hotline", outcomes.CountriesWithHotline);
            Buckets($"{prefix}country_without_hotline", outcomes.CountriesWithoutHotline);
            Figure($"{prefix}routes_country_unknown", outcomes.UnknownCountry);
        }

        void PublicReports(PublicReportFigures reports)
        {
            Figure("public_reports", reports.Received);
            Figure("public_report_urls", reports.Urls);
            Figure("public_report_urls_accepted", reports.UrlsAccepted);
            Figure("public_report_urls_closed", reports.UrlsClosed);
            Figure("public_report_urls_pending", reports.UrlsPending);
            Ratio("public_report_accepted_share", reports.AcceptedShare);
            Seconds("public_report_median_time_to_insertion_seconds", reports.MedianTimeToInsertion);
            Seconds("public_report_p90_time_to_insertion_seconds", reports.P90TimeToInsertion);
            Buckets("public_report_close_reason", reports.CloseReasons);
        }

        Row("scope", string.Empty, figures.Scope);
        Row("from", string.Empty, Instant(figures.From));
        Row("to", string.Empty, Instant(figures.To));
        Figure("reports", figures.Reports);
        Figure("content_urls", figures.ContentUrls);
        Figure("items_found", figures.ItemsFound);
        Figure("items_assessed", figures.ItemsAssessed);
        Figure("items_illegal", figures.IllegalItems);
        Figure("items_baseline", figures.BaselineItems);
        Figure("items_national", figures.NationalItems);
        Ratio("illegal_share", figures.IllegalShare);
        Figure("items_known", figures.KnownItems);
        Figure("items_new", figures.NewItems);
        Ratio("known_share", figures.KnownShare);
        Buckets("hosting_country", figures.HostingCountries);
        Buckets("site_type", figures.SiteTypes);
        Buckets("age_group", figures.AgeGroups);
        Buckets("gender", figures.Genders);
        Takedown(string.Empty, new TakedownFigures(
            figures.RoutesWithNotice, figures.RoutesRemoved, figures.RemovedWithinThreeDays, figures.MedianTimeToRemoval, figures.P90TimeToRemoval));
        Outcomes(string.Empty, figures.Outcomes);
        Buckets("time_to_removal", figures.TimeToRemoval);
        if (figures.AssignedTakedown is { } assigned)
        {
            Takedown("assigned_", assigned);
        }

        if (figures.AssignedOutcomes is { } assignedOutcomes)
        {
            Outcomes("assigned_", assignedOutcomes);
        }

        PublicReports(figures.PublicReports);
        if (figures.Interval is { } interval)
        {
            Row("interval", string.Empty, interval);
        }

        foreach (var point in figures.Trend)
        {
            var key = Instant(point.From);
            void Point(string metric, string value) => Row($"trend_{metric}", key, value);
            Point("reports", point.Reports.ToString(CultureInfo.InvariantCulture));
            Point("content_urls", point.ContentUrls.ToString(CultureInfo.InvariantCulture));
            Point("items_illegal", point.IllegalItems.ToString(CultureInfo.InvariantCulture));
            Point("illegal_share", RatioText(point.IllegalShare));
            Point("routes_removed", point.RoutesRemoved.ToString(CultureInfo.InvariantCulture));
            Point("removed_within_3_days_share", RatioText(point.RemovedWithinThreeDaysShare));
            Point("removed_same_day_share", RatioText(point.RemovedSameDayShare));
            Point("median_time_to_removal_seconds", SecondsText(point.MedianTimeToRemoval));
            Point("referred_within_3_days_share", RatioText(point.ReferredWithinThreeDaysShare));
            Point("closed_under_own_law", point.ClosedUnderOwnLaw.ToString(CultureInfo.InvariantCulture));
            Point("countries_without_hotline", point.CountriesWithoutHotline.ToString(CultureInfo.InvariantCulture));
        }

        return csv.ToString();
    }

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string RatioText(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string SecondsText(TimeSpan? value) => value?.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty;
}
