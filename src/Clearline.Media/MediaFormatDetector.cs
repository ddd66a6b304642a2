using System.Buffers.Binary;

namespace Clearline.Media;

/// <summary>Recognises an image or video format from the first bytes of a file.</summary>
/// <remarks>
/// MPEG transport streams (a 0x47 sync byte every 188 bytes) and MPEG program streams are not recognised: the
/// first needs several hundred bytes to tell from noise, and neither is common on the web pages crawled.
/// </remarks>
public static class MediaFormatDetector
{
    /// <summary>The number of leading bytes <see cref="Detect"/> needs to recognise every supported format.</summary>
    /// <remarks>Images need 14; the rest lets a Matroska DocType and ISO compatible brands be read.</remarks>
    public const int HeaderLength = 64;

    /// <summary>The number of leading bytes every supported image format is recognised from.</summary>
    internal const int ImageHeaderLength = 14;

    /// <summary>Returns the format whose magic bytes start <paramref name="header"/>, or <see cref="MediaFormat.Unknown"/>.</summary>
    /// <param name="header">The first bytes of the file; at least <see cref="HeaderLength"/> bytes to recognise every format.</param>
    public static MediaFormat Detect(ReadOnlySpan<byte> header)
    {
        var image = DetectImage(header);
        return image != MediaFormat.Unknown ? image : DetectVideo(header);
    }

    private static MediaFormat DetectImage(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return MediaFormat.Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaFormat.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return MediaFormat.Gif;
        }

        if (IsRiff(header, "WEBP"u8))
        {
            return MediaFormat.WebP;
        }

        return header.StartsWith("BM"u8) && header.Length >= ImageHeaderLength ? MediaFormat.Bmp : MediaFormat.Unknown;
    }

    private static MediaFormat DetectVideo(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            return FromBrands(header);
        }

        if (header.Length >= 8 && IsClassicQuickTimeAtom(header[4..8]))
        {
            return MediaFormat.QuickTime;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return HasDocType(header, "webm"u8) ? MediaFormat.WebM : MediaFormat.Matroska;
        }

        if (IsRiff(header, "AVI "u8))
        {
            return MediaFormat.Avi;
        }

        if (header.StartsWith("FLV\x01"u8))
        {
            return MediaFormat.Flv;
        }

        return header.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9])
            ? MediaFormat.Asf
            : MediaFormat.Unknown;
    }

    private static bool IsRiff(ReadOnlySpan<byte> header, ReadOnlySpan<byte> form) =>
        header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual(form);

    /// <summary>
    /// Classifies an ISO base media file by its major brand, or else by the first known compatible brand.
    /// HEIF and AVIF images share the container and are left <see cref="MediaFormat.Unknown"/>.
    /// </summary>
    private static MediaFormat FromBrands(ReadOnlySpan<byte> header)
    {
        var major = header[8..12];
        if (IsStillImageBrand(major))
        {
            return MediaFormat.Unknown;
        }

        var format = FromBrand(major);
        var boxEnd = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header), (uint)header.Length);
        for (var offset = 16; format == MediaFormat.Unknown && offset + 4 <= boxEnd; offset += 4)
        {
            format = FromBrand(header.Slice(offset, 4));
        }

        return format;
    }

    private static MediaFormat FromBrand(ReadOnlySpan<byte> brand)
    {
        if (brand.StartsWith("3gp"u8) || brand.StartsWith("3g2"u8))
        {
            return MediaFormat.ThreeGpp;
        }

        if (brand.SequenceEqual("qt  "u8))
        {
            return MediaFormat.QuickTime;
        }

        var isIsoFamily = brand.StartsWith("iso"u8) && (brand[3] == (byte)'m' || char.IsAsciiDigit((char)brand[3]));
        return isIsoFamily || IsMp4VideoBrand(brand) ? MediaFormat.Mp4 : MediaFormat.Unknown;
    }

    private static bool IsMp4VideoBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("mp41"u8) || brand.SequenceEqual("mp42"u8) || brand.SequenceEqual("mp71"u8)
        || brand.SequenceEqual("avc1"u8) || brand.SequenceEqual("dash"u8) || brand.SequenceEqual("mmp4"u8)
        || brand.SequenceEqual("M4V "u8) || brand.SequenceEqual("M4VH"u8) || brand.SequenceEqual("M4VP"u8)
        || brand.SequenceEqual("f4v "u8) || brand.SequenceEqual("msnv"u8) || brand.SequenceEqual("MSNV"u8)
        || brand.SequenceEqual("NDAS"u8) || brand.SequenceEqual("XAVC"u8);

    private static bool IsStillImageBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("heic"u8)
        || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8);

    private static bool IsClassicQuickTimeAtom(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("moov"u8) || type.SequenceEqual("mdat"u8) || type.SequenceEqual("wide"u8)
        || type.SequenceEqual("pnot"u8);

    /// <summary>Whether the EBML header's DocType element (ID 0x4282, one-byte size) holds <paramref name="docType"/>.</summary>
    private static bool HasDocType(ReadOnlySpan<byte> header, ReadOnlySpan<byte> docType)
    {
        var at = header.IndexOf((ReadOnlySpan<byte>)[0x42, 0x82]);
        if (at < 0 || at + 3 > header.Length)
        {
            return false;
        }

        var sizeByte = header[at + 2];
        var size = sizeByte & 0x7F;
        var value = header[(at + 3)..];
        return (sizeByte & 0x80) != 0 && size == docType.Length && value.Length >= size && value[..size].SequenceEqual(docType);
    }
}
