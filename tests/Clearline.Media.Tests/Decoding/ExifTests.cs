using System.Buffers.Binary;
using System.Text;

namespace Clearline.Media.Tests.Decoding;

public sealed class ExifTests
{
    [Fact]
    public void Hash_JpegWithExif_ReportsMakeModelOrientationAndGpsPresence()
    {
        var jpeg = BenignImages.Encode(MediaFormat.Jpeg, 32, 24, seed: 1);
        var tiff = Tiff(littleEndian: true, withGps: true);
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        byte[] withExif = [.. jpeg[..2], .. segment, .. jpeg[2..]];

        var image = new MediaHasher().Hash(withExif).Image;

        Assert.Equal("Clearline Test", image?.CameraMake);
        Assert.Equal("Gradient 1", image?.CameraModel);
        Assert.Equal(6, image?.Orientation);
        Assert.True(image?.HasGps);
    }

    [Fact]
    public void Hash_PngWithBigEndianExifWithoutGps_ReportsNoGps()
    {
        var png = BenignImages.Encode(MediaFormat.Png, 32, 24, seed: 1);
        var tiff = Tiff(littleEndian: false, withGps: false);
        var chunk = new byte[12 + tiff.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, tiff.Length);
        "eXIf"u8.CopyTo(chunk.AsSpan(4));
        tiff.CopyTo(chunk.AsSpan(8));
        byte[] withExif = [.. png[..33], .. chunk, .. png[33..]];

        var image = new MediaHasher().Hash(withExif).Image;

        Assert.Equal("Clearline Test", image?.CameraMake);
        Assert.False(image?.HasGps);
    }

    [Fact]
    public void Hash_ExifOffsetsOutOfBounds_IgnoredSafely()
    {
        var jpeg = BenignImages.Encode(MediaFormat.Jpeg, 32, 24, seed: 1);
        byte[] segment = [0xFF, 0xE1, 0x00, 0x16, .. "Exif\0\0"u8, .. "II*\0"u8, 0xFF, 0xFF, 0xFF, 0x7F, 0x01, 0x00, 0x0F, 0x01];
        byte[] withExif = [.. jpeg[..2], .. segment, .. jpeg[2..]];

        var result = new MediaHasher().Hash(withExif);

        Assert.Null(result.Image?.CameraMake);
        Assert.NotNull(result.Pdq);
    }

    /// <summary>A TIFF header and IFD0 with Make, Model, Orientation 6 and optionally a GPS IFD with one entry.</summary>
    private static byte[] Tiff(bool littleEndian, bool withGps)
    {
        var make = Encoding.ASCII.GetBytes("Clearline Test\0");
        var model = Encoding.ASCII.GetBytes("Gradient 1\0");
        var entries = withGps ? 4 : 3;
        var ifdEnd = 8 + 2 + (12 * entries) + 4;
        var gpsIfd = ifdEnd + make.Length + model.Length;
        var tiff = new byte[gpsIfd + 2 + 12 + 4];
        (littleEndian ? "II"u8 : "MM"u8).CopyTo(tiff);
        Write16(tiff, 2, 42, littleEndian);
        Write32(tiff, 4, 8, littleEndian);
        Write16(tiff, 8, (ushort)entries, littleEndian);
        Entry(tiff, 10, 0x010F, 2, (uint)make.Length, (uint)ifdEnd, littleEndian);
        Entry(tiff, 22, 0x0110, 2, (uint)model.Length, (uint)(ifdEnd + make.Length), littleEndian);
        Entry(tiff, 34, 0x0112, 3, 1, 0, littleEndian);
        Write16(tiff, 34 + 8, 6, littleEndian);
        if (withGps)
        {
            Entry(tiff, 46, 0x8825, 4, 1, (uint)gpsIfd, littleEndian);
            Write16(tiff, gpsIfd, 1, littleEndian);
            Entry(tiff, gpsIfd + 2, 0x0000, 1, 4, 0x02020000, littleEndian);
        }

        make.CopyTo(tiff, ifdEnd);
        model.CopyTo(tiff, ifdEnd + make.Length);
        return tiff;
    }

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value, bool little)
    {
        Write16(tiff, at, tag, little);
        Write16(tiff, at + 2, type, little);
        Write32(tiff, at + 4, count, little);
        Write32(tiff, at + 8, value, little);
    }

    private static void Write16(byte[] b, int at, ushort v, bool little)
    {
        if (little)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v);
        }
    }

    private static void Write32(byte[] b, int at, uint v, bool little)
    {
        if (little)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v);
        }
    }
}
