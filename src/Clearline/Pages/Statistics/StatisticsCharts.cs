using System.Globalization;
using Clearline.Statistics;

namespace Clearline.Pages.Statistics;

/// <summary>The charts of a hotline's or the network's figures: each trend per week or month, the time-to-removal histogram, and the hosting countries.</summary>
public static class StatisticsCharts
{
    /// <summary>One chart per figure of the trend, in the order the figures are listed on the page.</summary>
    public static IReadOnlyList<ColumnChart> Trends(StatisticsFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var interval = figures.Interval ?? StatisticsIntervals.Name(StatisticsInterval.Week);
        var heading = interval == "month" ? "Month" : "Week of";
        var trend = figures.Trend;
        ColumnChart Chart(string id, string title, string what, string valueHeading, Func<StatisticsTrendPoint, (double? Value, string Text)> value, double? scale = null) =>
            new($"trend-{id}", $"{title} per {interval}", $"{what}, per {interval} of reports received from {Day(figures.From)} up to {Day(figures.To)}.", heading, valueHeading,
                [.. trend.Select(p => Point(p, value(p)))], scale);
        ChartPoint Point(StatisticsTrendPoint p, (double? Value, string Text) v) => new(Label(p.From, interval), v.Value, v.Text, Tick(p.From, interval));
        (double?, string) Count(int count) => (count, IndexModel.Count(count));
        (double?, string) Percent(double? share) => (share * 100, share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0.#} %") : "–");
        return
        [
            Chart("reports", "Reports received", "How many reports were received", "Reports", p => Count(p.Reports)),
            Chart("content-urls", "Content URLs found", "How many content URLs the reports led to", "Content URLs", p => Count(p.ContentUrls)),
            Chart("illegal-share", "Illegal share of assessed items", "The share of assessed items that are illegal", "Illegal", p => Percent(p.IllegalShare), 100),
            Chart("referred-within-3-days", "Referred to police within 3 days", "The share of content URLs to act on that were referred to police within 3 days of the first report", "Referred", p => Percent(p.ReferredWithinThreeDaysShare), 100),
            Chart("removed-same-day", "Removed the same day", "The share of content URLs with a notice that were removed on the day of the first report (UTC)", "Removed", p => Percent(p.RemovedSameDayShare), 100),
            Chart("removed-within-3-days", "Removed within 3 days", "The share of content URLs with a notice that were removed within 3 days of the first report", "Removed", p => Percent(p.RemovedWithinThreeDaysShare), 100),
            Chart("median-time-to-removal", "Median time to removal", "The median time from the first report to confirmed removal", "Median",
                p => (p.MedianTimeToRemoval?.TotalHours, IndexModel.Duration(p.MedianTimeToRemoval))),
            Chart("closed-under-own-law", "Closed under the receiving hotline's own law", "How many National content URLs the receiving hotline closed as not illegal under its own law", "Closed", p => Count(p.ClosedUnderOwnLaw)),
            Chart("countries-without-hotline", "Hosting countries without a hotline", "How many hosting countries of the content have no hotline in the network", "Countries", p => Count(p.CountriesWithoutHotline)),
        ];
    }

    /// <summary>The removed content URLs per time to removal.</summary>
    public static ColumnChart TimeToRemoval(StatisticsFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return new ColumnChart("time-to-removal-histogram", "Time to removal",
            "How many removed content URLs were removed how long after the first report; each bin runs from just over its lower limit up to and including its upper limit.",
            "Time to removal", "Removed",
            [.. figures.TimeToRemoval.Select(b => new ChartPoint(BinLabel(b.Key), b.Count, IndexModel.Count(b.Count)))]);
    }

    /// <summary>Content URLs per hosting country, the most first, then other countries and unknown.</summary>
    public static RankedBarChart HostingCountries(StatisticsFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return new RankedBarChart("hosting-countries", "Content URLs per hosting country",
            $"Content URLs per hosting country, the most first; after the top {StatisticsQueries.TopCountries}, the rest as other, then unknown.", "Country", figures.HostingCountries);
    }

    public static RankedBarChart CountriesWithHotline(RouteOutcomeFigures outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new RankedBarChart("countries-with-hotline", "Hosting countries with a hotline",
            "Content URLs to act on per hosting country where the network has a hotline, the most first.", "Country", outcomes.CountriesWithHotline);
    }

    public static RankedBarChart CountriesWithoutHotline(RouteOutcomeFigures outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new RankedBarChart("countries-without-hotline", "Hosting countries without a hotline",
            "Content URLs to act on per hosting country where the network has no hotline, the most first.", "Country", outcomes.CountriesWithoutHotline);
    }

    /// <summary>"up to 1 d", "1–2 d", …, "over 30 d".</summary>
    public static string BinLabel(string key) => key switch
    {
        TimeToRemovalBins.Longer => "over 30 d",
        "0-1d" => "up to 1 d",
        _ => key.Replace("-", "–", StringComparison.Ordinal).Replace("d", " d", StringComparison.Ordinal),
    };

    /// <summary>A bucket's start: "2026-03-02" for a week, "2026-03" for a month.</summary>
    public static string Label(DateTimeOffset start, string interval) =>
        start.UtcDateTime.ToString(interval == "month" ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A bucket's start under its column: "2 Mar" for a week, "Mar 26" for a month.</summary>
    public static string Tick(DateTimeOffset start, string interval) =>
        start.UtcDateTime.ToString(interval == "month" ? "MMM yy" : "d MMM", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset value) => IndexModel.FormatDay(value);
}
