using Clearline.Media.Decoding;
using Clearline.Media.Hashing;
using Clearline.Media.Pdq;
using Clearline.Media.Previews;

namespace Clearline.Media;

/// <summary>Everything Clearline learns from one media item's bytes.</summary>
/// <param name="Length">The size in bytes.</param>
/// <param name="Hashes">MD5, SHA-1 and SHA-256 of all the bytes; always present, even when decoding failed.</param>
/// <param name="Image">Format, size and EXIF facts, when the image could be opened.</param>
/// <param name="Pdq">The first frame's PDQ hash and quality, when the pixels could be decoded.</param>
/// <param name="Dihedral">The first frame's eight dihedral hashes, when requested.</param>
/// <param name="Frames">One PDQ result per frame, when all frames were requested (frame 0 first); otherwise empty.</param>
/// <param name="Previews">The analyst previews, when requested and decodable.</param>
/// <param name="Error">Why decoding failed or is incomplete; null on success. A truncated image hashed under
/// <see cref="TruncatedImagePolicy.HashPartial"/> has both <paramref name="Pdq"/> and this error.</param>
public sealed record MediaHashResult(
    long Length,
    CryptographicHashes Hashes,
    ImageMetadata? Image,
    PdqResult? Pdq,
    PdqDihedralHashes? Dihedral,
    IReadOnlyList<PdqResult> Frames,
    ImagePreviews? Previews,
    MediaError? Error);
