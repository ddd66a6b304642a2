using System.Buffers.Binary;
using System.Globalization;
using SkiaSharp;

namespace Clearline.Media.Decoding;

/// <summary>The typed errors decoding can produce, with messages that never echo content.</summary>
internal static class Errors
{
    public static MediaError NotAnImage(MediaFormat format, int length) => length switch
    {
        0 => new MediaError(MediaErrorKind.Unsupported, "the file is empty"),
        _ when format.IsVideo() => new MediaError(MediaErrorKind.Unsupported, "a video (" + format.ToString() + "), not an image"),
        < MediaFormatDetector.ImageHeaderLength => new MediaError(MediaErrorKind.Unsupported, "the file is too short to be an image"),
        _ => new MediaError(MediaErrorKind.Unsupported, "not a JPEG, PNG, GIF, WebP or BMP image"),
    };

    public static MediaError TooManyBytes(long limit) =>
        new(MediaErrorKind.TooLarge, string.Create(CultureInfo.InvariantCulture, $"larger than the {limit}-byte decoding limit"));

    public static MediaError TooManyPixels(ImageMetadata metadata, long limit) =>
        new(MediaErrorKind.TooLarge, string.Create(
            CultureInfo.InvariantCulture, $"{metadata.Width}x{metadata.Height} exceeds the {limit}-pixel decoding limit"));

    public static MediaError OverBudget(TimeSpan budget) =>
        new(MediaErrorKind.TimedOut, string.Create(CultureInfo.InvariantCulture, $"decoding took longer than {budget.TotalSeconds:0.###} s"));

    public static MediaError Truncated() => new(MediaErrorKind.Truncated, "the image data ends early");

    public static MediaError Corrupt(string why) => new(MediaErrorKind.Corrupt, why);

    public static MediaError FromOpen(SKCodecResult result, MediaFormat format, ReadOnlySpan<byte> data) => result switch
    {
        SKCodecResult.IncompleteInput => Truncated(),
        SKCodecResult.Unimplemented => new MediaError(MediaErrorKind.Unsupported, "an unsupported variant of " + format.ToString()),
        _ when LooksTruncated(format, data) && data.Length < 1024 => Truncated(),
        _ => Corrupt("the header is invalid"),
    };

    /// <summary>
    /// Whether the data lacks the format's end marker. Decoders report "stopped early" the same way for
    /// truncation and corruption, so the container decides which of the two to report.
    /// </summary>
    public static bool LooksTruncated(MediaFormat format, ReadOnlySpan<byte> data)
    {
        var tail = data[Math.Max(0, data.Length - 64)..];
        return format switch
        {
            MediaFormat.Jpeg => tail.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < 0,
            MediaFormat.Png => tail.IndexOf("IEND"u8) < 0,
            MediaFormat.Gif => tail.IndexOf((byte)0x3B) < 0,
            MediaFormat.WebP => data.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) > (uint)(data.Length - 8),
            MediaFormat.Bmp => data.Length < 6 || BinaryPrimitives.ReadUInt32LittleEndian(data[2..]) > (uint)data.Length,
            _ => false,
        };
    }
}
