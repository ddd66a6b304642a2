namespace Clearline.Statistics;

/// <summary>
/// INHOPE's figures of a set of routes (issue 14): police referral within three days, removal the same day, hosting
/// countries with and without a hotline, and Not illegal closings under the receiving hotline's own law. Withdrawn
/// routes are left out of every figure: nobody acts on them.
/// </summary>
/// <param name="RoutesToActOn">Routes that are not withdrawn (content URLs someone acts on).</param>
/// <param name="RoutesWithdrawn">Routes withdrawn because their decision no longer holds; counted here only.</param>
/// <param name="ReferredToPolice">Of the routes to act on, those with at least one ReportedToLea action.</param>
/// <param name="ReferredWithinThreeDays">Of those, the routes whose first ReportedToLea action came at most three days after the first report of the URL was received.</param>
/// <param name="RoutesWithNotice">Of the routes to act on, those on which a notice was given to the host.</param>
/// <param name="RemovedSameDay">Of those, the routes whose confirmed removal fell on the same UTC calendar day as the first report's receipt.</param>
/// <param name="ClosedUnderOwnLaw">Routes to act on with a National verdict (illegal under the reporting country's law) that got a NotIllegal action: closed under the receiving hotline's own law.</param>
/// <param name="ClosedNotIllegal">Routes to act on with a Baseline verdict that got a NotIllegal action (the other Not illegal closings).</param>
/// <param name="CountriesWithHotline">Routes to act on per hosting country (current) where the network has a hotline, the most first.</param>
/// <param name="CountriesWithoutHotline">Routes to act on per hosting country where the network has no hotline, the most first.</param>
/// <param name="UnknownCountry">Routes to act on whose hosting country is unknown (in neither list).</param>
public sealed record RouteOutcomeFigures(
    int RoutesToActOn,
    int RoutesWithdrawn,
    int ReferredToPolice,
    int ReferredWithinThreeDays,
    int RoutesWithNotice,
    int RemovedSameDay,
    int ClosedUnderOwnLaw,
    int ClosedNotIllegal,
    IReadOnlyList<StatisticsBucket> CountriesWithHotline,
    IReadOnlyList<StatisticsBucket> CountriesWithoutHotline,
    int UnknownCountry)
{
    /// <summary>How soon after the first report a police referral counts as quick.</summary>
    public static readonly TimeSpan QuickReferral = TimeSpan.FromDays(3);

    /// <summary>The figures of no routes at all.</summary>
    public static RouteOutcomeFigures None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, [], [], 0);

    /// <summary>Routes referred to police within three days among routes to act on.</summary>
    public double? ReferredWithinThreeDaysShare => RoutesToActOn == 0 ? null : (double)ReferredWithinThreeDays / RoutesToActOn;

    /// <summary>Routes removed the same day among routes with a notice.</summary>
    public double? RemovedSameDayShare => RoutesWithNotice == 0 ? null : (double)RemovedSameDay / RoutesWithNotice;
}

/// <summary>The time-to-removal histogram's bins: each counts removals longer than the previous bin's limit and at most its own.</summary>
public static class TimeToRemovalBins
{
    /// <summary>The upper limits, inclusive, of every bin but the last (which is open): the first three add up to removal within three days.</summary>
    public static readonly IReadOnlyList<(string Key, TimeSpan UpTo)> Limits =
    [
        ("0-1d", TimeSpan.FromDays(1)),
        ("1-2d", TimeSpan.FromDays(2)),
        ("2-3d", TimeSpan.FromDays(3)),
        ("3-7d", TimeSpan.FromDays(7)),
        ("7-14d", TimeSpan.FromDays(14)),
        ("14-30d", TimeSpan.FromDays(30)),
    ];

    /// <summary>The key of the open last bin.</summary>
    public const string Longer = "30d+";

    /// <summary>Every bin, in order, zero included.</summary>
    public static IReadOnlyList<StatisticsBucket> Count(IEnumerable<TimeSpan> timesToRemoval)
    {
        var counts = new int[Limits.Count + 1];
        foreach (var time in timesToRemoval)
        {
            var bin = 0;
            while (bin < Limits.Count && time > Limits[bin].UpTo)
            {
                bin++;
            }

            counts[bin]++;
        }

        return [.. Limits.Select(l => l.Key).Append(Longer).Select((key, i) => new StatisticsBucket(key, counts[i]))];
    }
}
