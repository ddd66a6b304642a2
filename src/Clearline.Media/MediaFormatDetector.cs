namespace Clearline.Media;

/// <summary>Recognises an image format from the first bytes of a file.</summary>
public static class MediaFormatDetector
{
    /// <summary>The number of leading bytes <see cref="Detect"/> needs to recognise every supported format.</summary>
    public const int HeaderLength = 14;

    /// <summary>Returns the format whose magic bytes start <paramref name="header"/>, or <see cref="MediaFormat.Unknown"/>.</summary>
    /// <param name="header">The first bytes of the file; at least <see cref="HeaderLength"/> bytes to recognise every format.</param>
    public static MediaFormat Detect(ReadOnlySpan<byte> header)
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

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return MediaFormat.WebP;
        }

        return header.StartsWith("BM"u8) && header.Length >= 14 ? MediaFormat.Bmp : MediaFormat.Unknown;
    }
}
