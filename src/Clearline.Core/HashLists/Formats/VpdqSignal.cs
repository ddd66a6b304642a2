using System.Diagnostics.CodeAnalysis;
using Clearline.Media.Video;

namespace Clearline.HashLists.Formats;

/// <summary>
/// The vPDQ of a hash-list entry between its two text forms: the HMA / ThreatExchange signal that files carry (a JSON
/// array of <c>"hex,quality,timestamp"</c>, <see cref="VpdqText.ParseSignal"/>) and the reference's lines that
/// <see cref="KnownHash.Vpdq"/> stores (<see cref="VpdqText.ToReferenceLines"/>).
/// </summary>
/// <remarks>
/// The signal carries no frame numbers: the stored lines number the frames by position, as python-threatexchange
/// does. Timestamps keep the signal's three decimals, so a list read and written again gives the same signal.
/// </remarks>
internal static class VpdqSignal
{
    /// <summary>The most frames one entry may hold: a signal line of a million characters holds about 12,000.</summary>
    public const int MaxFrames = 100_000;

    /// <summary>
    /// Reads a signal (or, for lists written by <c>vpdq-hash-video</c>, the reference's own lines) into the stored
    /// form; false with a reason naming the frame at fault, never a hash value.
    /// </summary>
    public static bool TryNormalise(string text, [NotNullWhen(true)] out string? referenceLines, [NotNullWhen(false)] out string? error)
    {
        referenceLines = null;
        IReadOnlyList<VpdqFeature> features;
        var trimmed = text.Trim();
        var isSignal = trimmed.StartsWith('[');
        try
        {
            features = isSignal ? VpdqText.ParseSignal(trimmed) : VpdqText.ParseReferenceLines(trimmed);
        }
        catch (FormatException e)
        {
            error = (isSignal ? "vPDQ signal: " : "vPDQ (neither a JSON signal nor the reference's lines): ") + e.Message;
            return false;
        }

        if (features.Count == 0)
        {
            error = "vPDQ: the signal holds no frame.";
            return false;
        }

        if (features.Count > MaxFrames)
        {
            error = $"vPDQ: the signal holds more than {MaxFrames} frames.";
            return false;
        }

        referenceLines = VpdqText.ToReferenceLines(features);
        error = null;
        return true;
    }

    /// <summary>The signal string of a stored vPDQ (reference lines), as HMA writes it.</summary>
    /// <exception cref="FormatException">The stored text is not the reference's lines.</exception>
    public static string ToSignal(string referenceLines) => VpdqText.ToSignal(VpdqText.ParseReferenceLines(referenceLines));
}
