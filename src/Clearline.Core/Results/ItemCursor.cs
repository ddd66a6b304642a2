using System.Globalization;

namespace Clearline.Results;

/// <summary>
/// The cursor of a list of media items ordered by an instant, then by SHA-256: <c>{UTC ticks}.{sha256}</c>. Opaque to
/// clients; shared by the assessment queue, the police unit's content and INTERPOL's queue.
/// </summary>
public static class ItemCursor
{
    public static string Format(DateTimeOffset at, string sha256) => string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks}.{sha256}");

    /// <summary>The position a cursor names: the start for none, null for one that is not ours.</summary>
    public static (long Ticks, string? Sha256)? Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (0, null);
        }

        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && cursor.Length - dot - 1 == 64
            ? (ticks, cursor[(dot + 1)..])
            : null;
    }
}
