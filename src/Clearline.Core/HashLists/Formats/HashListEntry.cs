using Clearline.Classification;
using Clearline.Media.Pdq;

namespace Clearline.HashLists.Formats;

/// <summary>
/// One entry of a hash list as a file states it, validated and normalised but not yet interpreted: values are
/// trimmed, every hex hash is lowercase, the hash of empty content is dropped (it matches nothing worth knowing), and
/// the category is the list's own label, to be translated through the list's category mapping by the importer.
/// </summary>
/// <param name="Md5">32 lowercase hex digits, or null.</param>
/// <param name="Sha1">40 lowercase hex digits, or null.</param>
/// <param name="Sha256">64 lowercase hex digits, or null.</param>
/// <param name="Pdq">The PDQ hash, or null.</param>
/// <param name="PdqQuality">The PDQ quality (0..100) when the file gives one; VICS carries none.</param>
/// <param name="PhotoDna">
/// The PhotoDNA hash as base64 of its 144 bytes (hex input is converted, as IPED does), opaque: only ever matched exactly.
/// </param>
/// <param name="Category">
/// The list's own category as text, or null for uncategorised. In VICS 2.0 <c>"0"</c> is a verdict
/// (non-pertinent), never "no verdict"; which scheme a number belongs to comes from <see cref="HashListRecord.VicsModel"/>.
/// </param>
/// <param name="SourceId">The file's own identifier for the item (VICS <c>MediaID</c>, a CSV id column, a PDQ list name), or null.</param>
public sealed record HashListEntry(
    string? Md5,
    string? Sha1,
    string? Sha256,
    PdqHash? Pdq,
    int? PdqQuality,
    string? PhotoDna,
    string? Category,
    string? SourceId)
{
    /// <summary>
    /// A video's vPDQ in the reference's text form (<c>frameNumber,quality,hex,timestamp</c> lines, <c>VpdqText</c>),
    /// as <see cref="KnownHash.Vpdq"/> stores it, or null for entries that are not videos. Files carry it as the HMA /
    /// ThreatExchange signal (a JSON array of <c>"hex,quality,timestamp"</c>); frame numbers are the positions.
    /// </summary>
    public string? Vpdq { get; init; }

    /// <summary>What the source recorded with its decision (a federated feed); null from files (<see cref="KnownHash.Jurisdiction"/>).</summary>
    public string? Jurisdiction { get; init; }

    /// <inheritdoc cref="KnownHash.AgeGroup"/>
    public AgeGroup? AgeGroup { get; init; }

    /// <inheritdoc cref="KnownHash.Gender"/>
    public Gender? Gender { get; init; }

    /// <inheritdoc cref="KnownHash.Flags"/>
    public ContentFlags? Flags { get; init; }
}
