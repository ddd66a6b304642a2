using System.Globalization;

namespace Clearline.Exchange.Federation;

/// <summary>
/// Where a reader of the feed stands: the last entry id and the last withdrawal id it has, written
/// <c>{entry}.{withdrawal}</c> in decimal (<c>0.0</c> is the start). Both ids grow in commit order on the publisher,
/// so everything above them is what the reader has not seen.
/// </summary>
public readonly record struct FeedCursor(long Entry, long Withdrawal)
{
    public static FeedCursor Start { get; } = new(0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Entry}.{Withdrawal}");

    /// <summary>Reads a cursor; null or empty is the start. False for anything that is not two non-negative integers.</summary>
    public static bool TryParse(string? text, out FeedCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Parse(text[..dot], out var entry) || !Parse(text[(dot + 1)..], out var withdrawal))
        {
            return false;
        }

        cursor = new FeedCursor(entry, withdrawal);
        return true;
    }

    /// <summary>Whether <paramref name="other"/> is at or after this one in both parts.</summary>
    public bool IsAtOrBefore(FeedCursor other) => Entry <= other.Entry && Withdrawal <= other.Withdrawal;

    private static bool Parse(string digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
