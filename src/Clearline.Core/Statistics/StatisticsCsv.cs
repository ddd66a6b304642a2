using System.Globalization;
using System.Text;

namespace Clearline.Statistics;

/// <summary>
/// The figures as CSV for spreadsheets: a <c>metric,key,value</c> header, then one row per figure (key empty) and one
/// per bucket of a distribution; for the hotline scope, the takedown of the content assigned to it follows last as
/// <c>assigned_</c> rows (<see cref="StatisticsFigures.AssignedTakedown"/>). Shares are ratios (0 to 1) with four
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
        void Ratio(string metric, double? value) => Row(metric, string.Empty, value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty);
        void Seconds(string metric, TimeSpan? value) => Row(metric, string.Empty, value?.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty);
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

        Row("scope", string.Empty, figures.Scope);
        Row("from", string.Empty, figures.From.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Row("to", string.Empty, figures.To.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
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
        if (figures.AssignedTakedown is { } assigned)
        {
            Takedown("assigned_", assigned);
        }

        return csv.ToString();
    }
}
