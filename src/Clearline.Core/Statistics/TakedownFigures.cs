namespace Clearline.Statistics;

/// <summary>
/// The takedown figures of a set of routes: how many got a notice to the host, how many were removed, how many of
/// those within <see cref="StatisticsFigures.QuickRemoval"/>, and the nearest-rank median and 90th percentile of time
/// to removal (<see cref="NearestRank"/>).
/// </summary>
/// <param name="RoutesWithNotice">Routes on which a notice was given to the host.</param>
/// <param name="RoutesRemoved">Of those, the routes with confirmed removal (a time to removal).</param>
/// <param name="RemovedWithinThreeDays">Of those, the routes removed within three days of the first report.</param>
/// <param name="MedianTimeToRemoval">Nearest-rank median of the removed routes' time to removal; null when none was removed.</param>
/// <param name="P90TimeToRemoval">Nearest-rank 90th percentile of the removed routes' time to removal; null when none was removed.</param>
public sealed record TakedownFigures(int RoutesWithNotice, int RoutesRemoved, int RemovedWithinThreeDays, TimeSpan? MedianTimeToRemoval, TimeSpan? P90TimeToRemoval)
{
    /// <summary>Routes removed within three days among routes with a notice; null when no route had a notice.</summary>
    public double? RemovedWithinThreeDaysShare => RoutesWithNotice == 0 ? null : (double)RemovedWithinThreeDays / RoutesWithNotice;
}
