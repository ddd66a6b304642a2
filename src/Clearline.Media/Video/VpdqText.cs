using System.Globalization;
using System.Text;
using System.Text.Json;
using Clearline.Media.Pdq;

namespace Clearline.Media.Video;

/// <summary>
/// The two text forms of a vPDQ hash: the reference's hash file (<c>vpdq-hash-video</c>, one
/// <c>frameNumber,quality,hex,timestamp</c> line per frame) and the signal string of HMA and python-threatexchange
/// (a JSON array of <c>"hex,quality,timestamp"</c> strings, which carries no frame numbers).
/// </summary>
public static class VpdqText
{
    /// <summary>The reference's hash file: one line per frame, timestamps with three decimals, a final newline.</summary>
    /// <param name="features">The frames, in frame order.</param>
    public static string ToReferenceLines(IEnumerable<VpdqFeature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var text = new StringBuilder();
        foreach (var f in features)
        {
            text.Append(CultureInfo.InvariantCulture, $"{f.FrameNumber},{f.Quality},{f.Hash},{f.TimestampSeconds:F3}\n");
        }

        return text.ToString();
    }

    /// <summary>Reads a reference hash file; blank lines are skipped.</summary>
    /// <param name="text">The file's text.</param>
    /// <exception cref="FormatException">A line is not <c>frameNumber,quality,hex,timestamp</c>; the message names the line.</exception>
    public static IReadOnlyList<VpdqFeature> ParseReferenceLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var features = new List<VpdqFeature>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 4
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var frame)
                || !TryQuality(parts[1], out var quality)
                || !PdqHash.TryParse(parts[2], out var hash)
                || !TryTimestamp(parts[3], out var timestamp))
            {
                throw new FormatException($"Line {lineNumber} is not a vPDQ frame (frameNumber,quality,64 hex digits,timestamp).");
            }

            features.Add(new VpdqFeature(frame, quality, hash, timestamp));
        }

        return features;
    }

    /// <summary>The HMA / python-threatexchange signal string: a JSON array of <c>"hex,quality,timestamp"</c>.</summary>
    /// <param name="features">The frames, in frame order.</param>
    public static string ToSignal(IEnumerable<VpdqFeature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return JsonSerializer.Serialize(features
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Hash},{f.Quality},{f.TimestampSeconds:F3}"))
            .ToArray());
    }

    /// <summary>Reads an HMA / python-threatexchange signal string. Frame numbers, which it does not carry, are the positions.</summary>
    /// <param name="signal">The JSON array; empty text is an empty video, as in the reference.</param>
    /// <exception cref="FormatException">Not a JSON array of <c>"hex,quality,timestamp"</c> strings; the message names the element.</exception>
    public static IReadOnlyList<VpdqFeature> ParseSignal(string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (string.IsNullOrWhiteSpace(signal))
        {
            return [];
        }

        string[]? items;
        try
        {
            items = JsonSerializer.Deserialize<string[]>(signal);
        }
        catch (JsonException)
        {
            throw new FormatException("A vPDQ signal is a JSON array of \"hex,quality,timestamp\" strings.");
        }

        var features = new List<VpdqFeature>(items?.Length ?? 0);
        foreach (var item in items ?? [])
        {
            var parts = item?.Split(',') ?? [];
            if (parts.Length != 3
                || !PdqHash.TryParse(parts[0].Trim(), out var hash)
                || !TryQuality(parts[1].Trim(), out var quality)
                || !TryTimestamp(parts[2].Trim(), out var timestamp))
            {
                throw new FormatException($"Frame {features.Count + 1} of the vPDQ signal is not \"hex,quality,timestamp\".");
            }

            features.Add(new VpdqFeature(features.Count, quality, hash, timestamp));
        }

        return features;
    }

    private static bool TryQuality(string text, out int quality) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out quality) && quality <= 100;

    private static bool TryTimestamp(string text, out double seconds) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds) && seconds >= 0;
}
