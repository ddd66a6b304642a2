using System.Buffers;
using System.Globalization;
using Clearline.Media.Pdq;

namespace Clearline.HashLists.Formats;

/// <summary>
/// The fields of one entry as text, exactly as a reader found them. <see cref="ToRecord"/> is the single place where
/// every format's values are validated and normalised, so all formats accept and refuse the same things.
/// </summary>
internal sealed record RawEntry(
    string? Md5 = null,
    string? Sha1 = null,
    string? Sha256 = null,
    string? Pdq = null,
    string? PdqQuality = null,
    string? PhotoDna = null,
    string? Category = null,
    string? SourceId = null,
    string? Vpdq = null)
{
    private const int PhotoDnaBytes = 144;

    // The hashes of zero bytes identify nothing; IPED drops them too ("zero length hash ignored").
    private const string EmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";
    private const string EmptySha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The validated entry, or an error naming the first field at fault; never half an entry.</summary>
    public HashListRecord ToRecord(long line)
    {
        if (!TryHex(Md5, 32, EmptyMd5, out var md5))
        {
            return new HashListRecord.Error(line, "MD5 is not 32 hex digits.");
        }

        if (!TryHex(Sha1, 40, EmptySha1, out var sha1))
        {
            return new HashListRecord.Error(line, "SHA-1 is not 40 hex digits.");
        }

        if (!TryHex(Sha256, 64, EmptySha256, out var sha256))
        {
            return new HashListRecord.Error(line, "SHA-256 is not 64 hex digits.");
        }

        PdqHash? pdq = null;
        if (Blank(Pdq) is { } pdqText)
        {
            if (!PdqHash.TryParse(pdqText, out var parsed))
            {
                return new HashListRecord.Error(line, "PDQ is not 64 hex digits.");
            }

            pdq = parsed;
        }

        int? quality = null;
        if (Blank(PdqQuality) is { } qualityText)
        {
            if (!int.TryParse(qualityText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > 100)
            {
                return new HashListRecord.Error(line, "PDQ quality is not a whole number from 0 to 100.");
            }

            quality = parsed;
        }

        if (!TryPhotoDna(Blank(PhotoDna), out var photoDna))
        {
            return new HashListRecord.Error(line, "PhotoDNA is neither base64 nor hex of 144 bytes.");
        }

        string? vpdq = null;
        if (Blank(Vpdq) is { } vpdqText)
        {
            if (!VpdqSignal.TryNormalise(vpdqText, out vpdq, out var error))
            {
                return new HashListRecord.Error(line, error);
            }
        }

        if (md5 is null && sha1 is null && sha256 is null && pdq is null && photoDna is null && vpdq is null)
        {
            return new HashListRecord.Error(line, "No usable hash (MD5, SHA-1, SHA-256, PDQ, PhotoDNA or vPDQ); hashes of empty content are ignored.");
        }

        return new HashListRecord.Entry(line, new HashListEntry(md5, sha1, sha256, pdq, quality, photoDna, Blank(Category), Blank(SourceId)) { Vpdq = vpdq });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryHex(string? text, int length, string empty, out string? hex)
    {
        hex = null;
        var trimmed = Blank(text);
        if (trimmed is null)
        {
            return true;
        }

        if (trimmed.Length != length || !IsHex(trimmed))
        {
            return false;
        }

        var lower = trimmed.ToLowerInvariant();
        hex = lower == empty ? null : lower;
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(HexDigits);

    private static bool TryPhotoDna(string? text, out string? base64)
    {
        base64 = null;
        if (text is null)
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[PhotoDnaBytes + 3];
        if (text.Length == 2 * PhotoDnaBytes && IsHex(text))
        {
            Convert.FromHexString(text, bytes, out _, out _);
            base64 = Convert.ToBase64String(bytes[..PhotoDnaBytes]);
            return true;
        }

        if (Convert.TryFromBase64String(text, bytes, out var written) && written == PhotoDnaBytes)
        {
            base64 = text;
            return true;
        }

        return false;
    }
}
