using Clearline.Media.Decoding;
using Clearline.Media.Pdq;
using SkiaSharp;

namespace Clearline.Media.Tests.Decoding;

/// <summary>
/// Transparent GIFs hash as the reference does: the palette colour under the transparent index (which Skia decodes
/// as black) is put back from the GIF's colour table and graphic-control extension before hashing.
/// </summary>
public sealed class TransparentGifTests
{
    private const int Side = 300;

    private static readonly byte[] _colour = [200, 150, 60];

    [Fact]
    public void A_transparent_index_hashes_as_the_same_picture_drawn_opaque_with_its_palette_colour()
    {
        var palette = Palette(_colour);
        var indices = Picture(Side, Side, transparentIndex: 0, seed: 1);
        var gif = GifWriter.Write(Side, Side, palette, [new GifFrame(indices) { TransparentIndex = 0 }]);

        var result = new MediaHasher().Hash(gif);
        var opaque = new MediaHasher().Hash(Png(indices, palette, Side, Side));
        var black = new MediaHasher().Hash(Png(indices, Palette([0, 0, 0]), Side, Side));

        Assert.Null(result.Error);
        Assert.Equal(opaque.Pdq, result.Pdq);
        Assert.True(result.Pdq!.Value.Hash.DistanceTo(black.Pdq!.Value.Hash) > PdqMatching.DefaultThreshold);
    }

    [Fact]
    public void A_frames_local_colour_table_gives_its_transparent_colour()
    {
        var global = Palette([10, 20, 30]);
        var local = Palette(_colour);
        var indices = Picture(Side, Side, transparentIndex: 0, seed: 2);
        var gif = GifWriter.Write(Side, Side, global, [new GifFrame(indices) { TransparentIndex = 0, LocalPalette = local }]);

        var result = new MediaHasher().Hash(gif);

        Assert.Equal(new MediaHasher().Hash(Png(indices, local, Side, Side)).Pdq, result.Pdq);
    }

    [Fact]
    public void Each_frame_of_an_animation_takes_its_own_transparent_colour()
    {
        var palette = Palette(_colour);
        palette[3] = 30;
        palette[4] = 90;
        palette[5] = 220;
        var first = Picture(Side, Side, transparentIndex: 0, seed: 3);
        var second = Picture(Side, Side, transparentIndex: 1, seed: 4);
        var gif = GifWriter.Write(Side, Side, palette, [
            new GifFrame(first) { TransparentIndex = 0, Disposal = 2 },
            new GifFrame(second) { TransparentIndex = 1 },
        ]);

        var result = new MediaHasher(new MediaHashOptions { AllFrames = true }).Hash(gif);

        Assert.Null(result.Error);
        Assert.Equal(2, result.Frames.Count);
        Assert.Equal(new MediaHasher().Hash(Png(first, palette, Side, Side)).Pdq, result.Frames[0]);
        Assert.Equal(new MediaHasher().Hash(Png(second, palette, Side, Side)).Pdq, result.Frames[1]);
    }

    [Fact]
    public void The_colour_table_reader_survives_every_truncation_and_corruption()
    {
        var palette = Palette(_colour);
        var gif = GifWriter.Write(40, 30, palette, [
            new GifFrame(Picture(40, 30, 0, 5)) { TransparentIndex = 0 },
            new GifFrame(Picture(40, 30, 1, 6)) { TransparentIndex = 1, LocalPalette = Palette([1, 2, 3]) },
        ]);

        var whole = GifTransparency.ReadFrameColours(gif);
        Assert.Equal([0x80000000u | 200u | (150u << 8) | (60u << 16), 0x80000000u | 10u | (20u << 8) | (30u << 16)], whole);
        for (var length = 0; length < gif.Length; length++)
        {
            Assert.True(GifTransparency.ReadFrameColours(gif.AsSpan(0, length)).Count <= 2);
        }

        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var corrupt = (byte[])gif.Clone();
            corrupt[random.Next(6, corrupt.Length)] = (byte)random.Next(256);
            Assert.True(GifTransparency.ReadFrameColours(corrupt).Count <= 2);
            _ = new MediaHasher().Hash(corrupt);
        }
    }

    /// <summary>A 128-entry palette: <paramref name="first"/> at index 0, then a spread of colours.</summary>
    internal static byte[] Palette(byte[] first)
    {
        var palette = new byte[128 * 3];
        first.CopyTo(palette, 0);
        palette[3] = 10;
        palette[4] = 20;
        palette[5] = 30;
        for (var i = 2; i < 128; i++)
        {
            palette[3 * i] = (byte)(i * 2);
            palette[(3 * i) + 1] = (byte)(255 - (i * 2));
            palette[(3 * i) + 2] = (byte)((i * 37) % 256);
        }

        return palette;
    }

    /// <summary>
    /// Palette indices: a large transparent area (<paramref name="transparentIndex"/>) around a centred block of
    /// gradient stripes and seeded blobs, the block covering about a third of the picture.
    /// </summary>
    internal static byte[] Picture(int width, int height, int transparentIndex, int seed)
    {
        var random = new Random(seed);
        var indices = new byte[width * height];
        var blob = (x: random.Next(width / 3, 2 * width / 3), y: random.Next(height / 3, 2 * height / 3));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = x > width / 5 && x < (4 * width) / 5 && y > height / 4 && y < (3 * height) / 5;
                var near = Math.Abs(x - blob.x) + Math.Abs(y - blob.y) < width / 8;
                indices[(y * width) + x] = (byte)(!inside ? transparentIndex : near ? 127 : 2 + ((x + (2 * y) + seed) / 6 % 100));
            }
        }

        return indices;
    }

    /// <summary>The indexed picture drawn fully opaque with <paramref name="palette"/>, as a PNG.</summary>
    internal static byte[] Png(byte[] indices, byte[] palette, int width, int height) =>
        BenignImages.EncodeSkia(Rgba(indices, palette), width, height, SKEncodedImageFormat.Png, 100);

    internal static byte[] Rgba(byte[] indices, byte[] palette)
    {
        var rgba = new byte[indices.Length * 4];
        for (var p = 0; p < indices.Length; p++)
        {
            rgba[4 * p] = palette[3 * indices[p]];
            rgba[(4 * p) + 1] = palette[(3 * indices[p]) + 1];
            rgba[(4 * p) + 2] = palette[(3 * indices[p]) + 2];
            rgba[(4 * p) + 3] = 255;
        }

        return rgba;
    }
}

/// <summary>One full-canvas frame for <see cref="GifWriter"/>.</summary>
/// <param name="Indices">Palette indices, row by row.</param>
internal sealed record GifFrame(byte[] Indices)
{
    public int? TransparentIndex { get; init; }

    /// <summary>The 128-entry local colour table, or null to use the global one.</summary>
    public byte[]? LocalPalette { get; init; }

    /// <summary>The disposal method (0 unspecified, 1 keep, 2 restore to background, 3 restore to previous).</summary>
    public int Disposal { get; init; }

    /// <summary>The delay in hundredths of a second.</summary>
    public int DelayCentiseconds { get; init; } = 10;
}

/// <summary>
/// A minimal GIF89a writer for tests: 128-entry colour tables (LZW minimum code size 7), literal 8-bit codes with a
/// clear code every 100 pixels so that the code width never grows, a graphic-control extension on every frame.
/// </summary>
internal static class GifWriter
{
    public static byte[] Write(int width, int height, byte[] globalPalette, IReadOnlyList<GifFrame> frames)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        output.Write([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0xF6, 0x00, 0x00]);
        output.Write(globalPalette);
        if (frames.Count > 1)
        {
            output.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]);
        }

        foreach (var frame in frames)
        {
            var flags = (byte)((frame.Disposal << 2) | (frame.TransparentIndex is null ? 0 : 1));
            output.Write([0x21, 0xF9, 0x04, flags, (byte)frame.DelayCentiseconds, (byte)(frame.DelayCentiseconds >> 8), (byte)(frame.TransparentIndex ?? 0), 0x00]);
            output.Write([0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), frame.LocalPalette is null ? (byte)0x00 : (byte)0x86]);
            if (frame.LocalPalette is not null)
            {
                output.Write(frame.LocalPalette);
            }

            output.WriteByte(0x07);
            BenignImages.WriteLzw(output, frame.Indices);
        }

        output.WriteByte(0x3B);
        return output.ToArray();
    }
}
