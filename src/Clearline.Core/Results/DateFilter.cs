using System.Globalization;

namespace Clearline.Results;

/// <summary>How the end of a day given as <c>to</c> is expressed: the next day's first instant, or this day's last tick.</summary>
public enum DayEnd
{
    Exclusive,
    Inclusive,
}

/// <summary>
/// A <c>from</c>/<c>to</c> filter value: a day (<c>2026-01-31</c>, UTC) or an instant (ISO 8601; UTC unless it has an
/// offset). Empty is no bound.
/// </summary>
public static class DateFilter
{
    public static string Message(string field) => $"'{field}' must be an ISO 8601 date or date and time, e.g. 2026-01-31.";

    /// <summary>The start of the day or the instant; null when empty.</summary>
    public static bool TryParseFrom(string? text, out DateTimeOffset? value) => TryParse(text, end: null, out value);

    /// <summary>The end of the day (as <paramref name="end"/> says) or the instant; null when empty.</summary>
    public static bool TryParseTo(string? text, DayEnd end, out DateTimeOffset? value) => TryParse(text, end, out value);

    private static bool TryParse(string? text, DayEnd? end, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            value = end switch
            {
                DayEnd.Exclusive => start.AddDays(1),
                DayEnd.Inclusive => start.AddDays(1).AddTicks(-1),
                _ => start,
            };
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
