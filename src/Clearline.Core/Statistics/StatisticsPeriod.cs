using System.Globalization;

namespace Clearline.Statistics;

/// <summary>The half-open period [<see cref="From"/>, <see cref="To"/>) of report received-at that figures cover.</summary>
public sealed record StatisticsPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>How many days the period covers when no start is given.</summary>
    public const int DefaultDays = 30;

    /// <summary>
    /// Reads a period as people and systems write it: a date (<c>2026-01-31</c>, midnight UTC) or an ISO 8601 date and
    /// time. Without <paramref name="to"/> the period ends at the next midnight UTC after <paramref name="now"/> (today
    /// included); without <paramref name="from"/> it starts <see cref="DefaultDays"/> days before its end.
    /// </summary>
    /// <remarks><paramref name="to"/> is exclusive: <c>from=2026-01-01&amp;to=2026-02-01</c> is January.</remarks>
    public static Result<StatisticsPeriod> Parse(string? from, string? to, DateTimeOffset now)
    {
        if (!TryParseInstant(to, out var end))
        {
            return new InvalidError("to", "'to' must be an ISO 8601 date or date and time, e.g. 2026-02-01.");
        }

        if (!TryParseInstant(from, out var start))
        {
            return new InvalidError("from", "'from' must be an ISO 8601 date or date and time, e.g. 2026-01-01.");
        }

        var periodEnd = end ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        var periodStart = start ?? periodEnd.AddDays(-DefaultDays);
        if (periodStart >= periodEnd)
        {
            return new InvalidError("to", "'to' must be after 'from' (the period is from 'from' up to, not including, 'to').");
        }

        return new StatisticsPeriod(periodStart, periodEnd);
    }

    private static bool TryParseInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            value = instant;
            return true;
        }

        return false;
    }
}
