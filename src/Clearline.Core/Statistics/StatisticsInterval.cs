namespace Clearline.Statistics;

/// <summary>How a period is cut into the buckets of a trend.</summary>
public enum StatisticsInterval
{
    /// <summary>ISO weeks: Monday 00:00 UTC to the next Monday.</summary>
    Week = 1,

    /// <summary>Calendar months in UTC.</summary>
    Month = 2,
}

/// <summary>The buckets of a trend: calendar weeks or months, cut to the period.</summary>
public static class StatisticsIntervals
{
    /// <summary>The most buckets one trend may have (ten years of months, two of weeks).</summary>
    public const int MaxBuckets = 120;

    /// <summary>Periods up to this long default to weeks; longer ones to months.</summary>
    public static readonly TimeSpan WeeksUpTo = TimeSpan.FromDays(13 * 7);

    /// <summary>
    /// Reads <c>week</c> or <c>month</c> (any case); nothing gives weeks for a period up to <see cref="WeeksUpTo"/>
    /// and months for a longer one.
    /// </summary>
    public static Result<StatisticsInterval> Parse(string? interval, StatisticsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        StatisticsInterval? wanted = interval?.Trim().ToLowerInvariant() switch
        {
            null or "" => period.To - period.From <= WeeksUpTo ? StatisticsInterval.Week : StatisticsInterval.Month,
            "week" => StatisticsInterval.Week,
            "month" => StatisticsInterval.Month,
            _ => null,
        };
        if (wanted is not { } value)
        {
            return new InvalidError("interval", $"'{interval}' is not an interval; use week or month.");
        }

        if (Buckets(period, value, TimeSpan.Zero).Count > MaxBuckets)
        {
            return new InvalidError("interval", $"The period holds more than {MaxBuckets} {Name(value)}s; choose a shorter period or interval=month.");
        }

        return value;
    }

    /// <summary><c>week</c> or <c>month</c>, as the API and the CSV name the interval.</summary>
    public static string Name(StatisticsInterval interval) => interval switch
    {
        StatisticsInterval.Week => "week",
        StatisticsInterval.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };

    /// <summary>
    /// The calendar weeks (from Monday 00:00 UTC) or months that meet <paramref name="period"/>, each cut to the period,
    /// in order; together they cover the period exactly, empty ones included. A bucket cut shorter than
    /// <paramref name="minimum"/> at either edge joins its neighbour (so network figures never cover less than a day).
    /// </summary>
    public static IReadOnlyList<StatisticsPeriod> Buckets(StatisticsPeriod period, StatisticsInterval interval, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(period);
        var buckets = new List<StatisticsPeriod>();
        var start = period.From.ToUniversalTime();
        var end = period.To.ToUniversalTime();
        var boundary = Next(Start(start, interval), interval);
        while (start < end && buckets.Count <= MaxBuckets)
        {
            var stop = boundary < end ? boundary : end;
            buckets.Add(new StatisticsPeriod(start, stop));
            start = stop;
            boundary = Next(boundary, interval);
        }

        if (buckets.Count > 1 && buckets[0].To - buckets[0].From < minimum)
        {
            buckets[1] = buckets[1] with { From = buckets[0].From };
            buckets.RemoveAt(0);
        }

        if (buckets.Count > 1 && buckets[^1].To - buckets[^1].From < minimum)
        {
            buckets[^2] = buckets[^2] with { To = buckets[^1].To };
            buckets.RemoveAt(buckets.Count - 1);
        }

        return buckets;
    }

    private static DateTimeOffset Start(DateTimeOffset instant, StatisticsInterval interval)
    {
        var day = new DateTimeOffset(instant.UtcDateTime.Date, TimeSpan.Zero);
        return interval switch
        {
            StatisticsInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            StatisticsInterval.Month => new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
        };
    }

    private static DateTimeOffset Next(DateTimeOffset start, StatisticsInterval interval) => interval switch
    {
        StatisticsInterval.Week => start.AddDays(7),
        StatisticsInterval.Month => start.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, null),
    };
}
