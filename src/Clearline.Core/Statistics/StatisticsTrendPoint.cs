namespace Clearline.Statistics;

/// <summary>
/// The figures of one bucket of a trend (a week or a month, cut to the period): the same definitions as
/// <see cref="StatisticsFigures"/> and <see cref="RouteOutcomeFigures"/>, counted over the reports received in
/// [<see cref="From"/>, <see cref="To"/>). Shares are null when there is nothing to divide by.
/// </summary>
public sealed record StatisticsTrendPoint(
    DateTimeOffset From,
    DateTimeOffset To,
    int Reports,
    int ContentUrls,
    int ItemsAssessed,
    int IllegalItems,
    double? IllegalShare,
    int RoutesWithNotice,
    int RoutesRemoved,
    double? RemovedWithinThreeDaysShare,
    double? RemovedSameDayShare,
    TimeSpan? MedianTimeToRemoval,
    int RoutesToActOn,
    double? ReferredWithinThreeDaysShare,
    int ClosedUnderOwnLaw,
    int CountriesWithHotline,
    int CountriesWithoutHotline)
{
    /// <summary>The point of a bucket's figures.</summary>
    public static StatisticsTrendPoint Of(StatisticsFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var outcomes = figures.Outcomes;
        return new StatisticsTrendPoint(
            figures.From,
            figures.To,
            figures.Reports,
            figures.ContentUrls,
            figures.ItemsAssessed,
            figures.IllegalItems,
            figures.IllegalShare,
            figures.RoutesWithNotice,
            figures.RoutesRemoved,
            figures.RemovedWithinThreeDaysShare,
            outcomes.RemovedSameDayShare,
            figures.MedianTimeToRemoval,
            outcomes.RoutesToActOn,
            outcomes.ReferredWithinThreeDaysShare,
            outcomes.ClosedUnderOwnLaw,
            outcomes.CountriesWithHotline.Count,
            outcomes.CountriesWithoutHotline.Count);
    }
}
