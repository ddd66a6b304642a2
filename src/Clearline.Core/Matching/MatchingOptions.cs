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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExactEnoughDistance > PdqThreshold)
        {
            yield return new ValidationResult(
                $"must not exceed {nameof(PdqThreshold)} ({PdqThreshold}).", [nameof(ExactEnoughDistance)]);
        }
    }
}
