using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;
using Clearline.Media.Pdq;

namespace Clearline.Matching;

/// <summary>How media items are matched against known material (section <c>Matching</c>).</summary>
public sealed class MatchingOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Matching";

    /// <summary>
    /// The largest PDQ Hamming distance that counts as a match (Meta's recommended 31). Up to 63; the index is
    /// built for this threshold, so a larger one costs memory and time per lookup.
    /// </summary>
    [Range(0, 63)]
    public int PdqThreshold { get; set; } = PdqMatching.DefaultThreshold;

    /// <summary>
    /// The largest PDQ distance at which a match on a list trusted to classify does so. A match further away (up to
    /// <see cref="PdqThreshold"/>) is shown to the analyst as "probably known" instead. Exact hashes always qualify.
    /// </summary>
    [Range(0, 63)]
    public int ExactEnoughDistance { get; set; } = 10;

    /// <summary>
    /// The share of a crawled video's frames (q%, percent) found in a known video at which it matches that video:
    /// python-threatexchange's 80. A match on a list trusted to classify does so at this share (and
    /// <see cref="VideoComparedPercent"/>); below it, down to <see cref="VideoNearPercent"/>, it is "probably known".
    /// </summary>
    [Range(1.0, 100.0)]
    public double VideoQueryPercent { get; set; } = 80.0;

    /// <summary>The share of the known video's frames (c%, percent) that must be found in the crawled one (python-threatexchange's 0).</summary>
    [Range(0.0, 100.0)]
    public double VideoComparedPercent { get; set; }

    /// <summary>The smallest q% at which a known video is recorded and shown as "probably known" (at most <see cref="VideoQueryPercent"/>).</summary>
    [Range(1.0, 100.0)]
    public double VideoNearPercent { get; set; } = 50.0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExactEnoughDistance > PdqThreshold)
        {
            yield return new ValidationResult(
                $"must not exceed {nameof(PdqThreshold)} ({PdqThreshold}).", [nameof(ExactEnoughDistance)]);
        }

        if (VideoNearPercent > VideoQueryPercent)
        {
            yield return new ValidationResult(
                $"must not exceed {nameof(VideoQueryPercent)} ({VideoQueryPercent}).", [nameof(VideoNearPercent)]);
        }
    }
}
