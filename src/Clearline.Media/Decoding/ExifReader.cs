using System.Buffers.Binary;
using System.Text;

namespace Clearline.Media.Decoding;

/// <summary>The few EXIF facts Clearline records: camera make and model, GPS presence, orientation.</summary>
internal readonly record struct ExifFacts(string? Make, string? Model, bool HasGps, int Orientation)
{
    public static ExifFacts None => new(null, null, false, 1);
}

/// <summary>
/// Finds the EXIF block in JPEG (APP1), PNG (eXIf) and WebP (EXIF chunk) and reads IFD0, bounds-checking
/// every offset: the input is hostile. GPS values are never read, only whether the GPS IFD has entries.
/// </summary>
internal static class ExifReader
{
    private const int MaxStringLength = 64;
    private const ushort MakeTag = 0x010F;
    private const ushort ModelTag = 0x0110;
    private const ushort OrientationTag = 0x0112;
    private const ushort GpsPointerTag = 0x8825;

    public static ExifFacts Read(ReadOnlySpan<byte> data, MediaFormat format)
    {
        var tiff = format switch
        {
            MediaFormat.Jpeg => FindInJpeg(data),
            MediaFormat.Png => FindInPng(data),
            MediaFormat.WebP => FindInWebP(data),
            _ => default,
        };
        if (tiff.StartsWith("Exif\0\0"u8))
        {
            tiff = tiff[6..];
        }

        return tiff.Length >= 8 ? ParseTiff(tiff) : ExifFacts.None;
    }

    private static ReadOnlySpan<byte> FindInJpeg(ReadOnlySpan<byte> data)
    {
        var pos = 2;
        while (pos + 4 <= data.Length && data[pos] == 0xFF)
        {
            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                break;
            }

            var segment = data.Slice(pos + 4, length - 2);
            if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8))
            {
                return segment;
            }

            pos += 2 + length;
        }

        return default;
    }

    private static ReadOnlySpan<byte> FindInPng(ReadOnlySpan<byte> data)
    {
        var pos = 8;
        while (pos + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            var type = data.Slice(pos + 4, 4);
            if (length > (uint)(data.Length - pos - 12) || type.SequenceEqual("IEND"u8))
            {
                break;
            }

            if (type.SequenceEqual("eXIf"u8))
            {
                return data.Slice(pos + 8, (int)length);
            }

            pos += 12 + (int)length;
        }

        return default;
    }

    private static ReadOnlySpan<byte> FindInWebP(ReadOnlySpan<byte> data)
    {
        var pos = 12;
        while (pos + 8 <= data.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
            if (size > (uint)(data.Length - pos - 8))
            {
                break;
            }

            if (data.Slice(pos, 4).SequenceEqual("EXIF"u8))
            {
                return data.Slice(pos + 8, (int)size);
            }

            pos += 8 + (int)size + (int)(size & 1);
        }

        return default;
    }

    private static ExifFacts ParseTiff(ReadOnlySpan<byte> tiff)
    {
        bool little;
        if (tiff.StartsWith("II"u8))
        {
            little = true;
        }
        else if (tiff.StartsWith("MM"u8))
        {
            little = false;
        }
        else
        {
            return ExifFacts.None;
        }

        var reader = new TiffReader(tiff, little);
        var ifd = reader.UInt32(4);
        var count = reader.UInt16(ifd);
        if (count is null || ifd is null)
        {
            return ExifFacts.None;
        }

        string? make = null, model = null;
        var orientation = 1;
        var hasGps = false;
        for (var i = 0; i < Math.Min((int)count.Value, 512); i++)
        {
            var entry = (int)ifd.Value + 2 + (12 * i);
            switch (reader.UInt16((uint)entry))
            {
                case MakeTag:
                    make = reader.Ascii(entry);
                    break;
                case ModelTag:
                    model = reader.Ascii(entry);
                    break;
                case OrientationTag:
                    var value = reader.UInt16((uint)entry + 8) ?? 1;
                    orientation = value is >= 1 and <= 8 ? value : 1;
                    break;
                case GpsPointerTag:
                    var gps = reader.UInt32((uint)entry + 8);
                    hasGps = gps is not null && reader.UInt16(gps.Value) is > 0;
                    break;
                default:
                    break;
            }
        }

        return new ExifFacts(make, model, hasGps, orientation);
    }

    private readonly ref struct TiffReader(ReadOnlySpan<byte> tiff, bool little)
    {
        private readonly ReadOnlySpan<byte> _tiff = tiff;

        public ushort? UInt16(uint? offset) =>
            offset is { } o && o <= (uint)_tiff.Length - 2 && _tiff.Length >= 2
                ? little ? BinaryPrimitives.ReadUInt16LittleEndian(_tiff[(int)o..]) : BinaryPrimitives.ReadUInt16BigEndian(_tiff[(int)o..])
                : null;

        public uint? UInt32(uint offset) =>
            offset <= (uint)_tiff.Length - 4 && _tiff.Length >= 4
                ? little ? BinaryPrimitives.ReadUInt32LittleEndian(_tiff[(int)offset..]) : BinaryPrimitives.ReadUInt32BigEndian(_tiff[(int)offset..])
                : null;

        /// <summary>An ASCII entry as printable text, capped; null when missing or out of bounds.</summary>
        public string? Ascii(int entry)
        {
            var length = UInt32((uint)entry + 4);
            if (length is null or 0 || length > 4096)
            {
                return null;
            }

            var offset = length <= 4 ? (uint)entry + 8 : UInt32((uint)entry + 8);
            if (offset is null || offset.Value > (uint)_tiff.Length || length.Value > (uint)_tiff.Length - offset.Value)
            {
                return null;
            }

            var raw = _tiff.Slice((int)offset.Value, (int)length.Value);
            var builder = new StringBuilder(Math.Min(raw.Length, MaxStringLength));
            foreach (var b in raw)
            {
                if (b == 0 || builder.Length == MaxStringLength)
                {
                    break;
                }

                builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
            }

            var text = builder.ToString().Trim();
            return text.Length == 0 ? null : text;
        }
    }
}
