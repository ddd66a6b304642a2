using System.Buffers.Binary;
using SkiaSharp;

namespace Clearline.Media.Tests;

/// <summary>Benign test images generated in code: gradients, shapes and seeded noise, in every supported format.</summary>
internal static class BenignImages
{
    /// <summary>Unpremultiplied RGBA pixels: a diagonal gradient, two rectangles and noise from <paramref name="seed"/>.</summary>
    public static byte[] Rgba(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                var inBox = (x > width / 4 && x < width / 2 && y > height / 5 && y < height / 2)
                    || (x > (2 * width) / 3 && y > (3 * height) / 5);
                var noise = random.Next(-12, 13);
                pixels[i] = Clamp((x * 255 / Math.Max(1, width - 1)) + noise);
                pixels[i + 1] = Clamp((inBox ? 220 : y * 255 / Math.Max(1, height - 1)) + noise);
                pixels[i + 2] = Clamp((inBox ? 40 : 128) + noise);
                pixels[i + 3] = 255;
            }
        }

        return pixels;
    }

    /// <summary>A photo-like JPEG (quality 85): a gradient with 40 translucent circles and rectangles and ±10 levels of noise.</summary>
    public static byte[] SceneJpeg(int width, int height, int seed)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(width, height), [new SKColor(20, 60, 140), new SKColor(240, 200, 90)], SKShaderTileMode.Clamp);
            using var background = new SKPaint { Shader = gradient };
            canvas.DrawRect(0, 0, width, height, background);
            var random = new Random(seed);
            using var shape = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 40; i++)
            {
                shape.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 200);
                var r = random.Next(Math.Min(width, height) / 20, Math.Min(width, height) / 5);
                canvas.DrawCircle(random.Next(width), random.Next(height), r, shape);
            }
        }

        var pixels = bitmap.GetPixelSpan();
        var noise = new Random(seed);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (i & 3) == 3 ? (byte)255 : Clamp(pixels[i] + noise.Next(-10, 11));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    public static byte[] Encode(MediaFormat format, int width, int height, int seed) => format switch
    {
        MediaFormat.Jpeg => EncodeSkia(Rgba(width, height, seed), width, height, SKEncodedImageFormat.Jpeg, 85),
        MediaFormat.Png => EncodeSkia(Rgba(width, height, seed), width, height, SKEncodedImageFormat.Png, 100),
        MediaFormat.WebP => EncodeSkia(Rgba(width, height, seed), width, height, SKEncodedImageFormat.Webp, 90),
        MediaFormat.Bmp => Bmp(Rgba(width, height, seed), width, height),
        MediaFormat.Gif => Gif(width, height, [Rgba(width, height, seed)]),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static unsafe byte[] EncodeSkia(byte[] rgba, int width, int height, SKEncodedImageFormat format, int quality)
    {
        fixed (byte* pixels = rgba)
        {
            var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var pixmap = new SKPixmap(info, (IntPtr)pixels, info.RowBytes);
            using var image = SKImage.FromPixels(pixmap);
            using var data = image.Encode(format, quality);
            return data.ToArray();
        }
    }

    /// <summary>A bottom-up 24-bit BI_RGB bitmap.</summary>
    public static byte[] Bmp(byte[] rgba, int width, int height)
    {
        var rowBytes = ((width * 3) + 3) & ~3;
        var bytes = new byte[54 + (rowBytes * height)];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * rowBytes);
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                bytes[row + (3 * x)] = rgba[i + 2];
                bytes[row + (3 * x) + 1] = rgba[i + 1];
                bytes[row + (3 * x) + 2] = rgba[i];
            }
        }

        return bytes;
    }

    /// <summary>
    /// A GIF (animated when given several frames) with a fixed 128-colour palette. LZW codes are 8 bits wide and a
    /// clear code is sent every 100 literals, so every code is one byte and no compression logic is needed.
    /// </summary>
    public static byte[] Gif(int width, int height, IReadOnlyList<byte[]> frames)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        Span<byte> screen = stackalloc byte[7];
        BinaryPrimitives.WriteUInt16LittleEndian(screen, (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(screen[2..], (ushort)height);
        screen[4] = 0xF6; // global colour table of 128 entries
        output.Write(screen);
        for (var c = 0; c < 128; c++)
        {
            output.Write(GifPalette(c));
        }

        if (frames.Count > 1)
        {
            output.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]);
        }

        foreach (var frame in frames)
        {
            output.Write([0x21, 0xF9, 0x04, 0x04, 0x0A, 0x00, 0x00, 0x00]);
            output.Write([0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x00, 0x07]);
            WriteLzw(output, Indices(frame));
        }

        output.WriteByte(0x3B);
        return output.ToArray();
    }

    /// <summary>The RGB of palette entry <paramref name="index"/> (2 bits red, 3 green, 2 blue).</summary>
    public static byte[] GifPalette(int index) =>
        [(byte)((index & 3) * 85), (byte)(((index >> 2) & 7) * 36), (byte)(((index >> 5) & 3) * 85)];

    /// <summary>The palette index pixel <paramref name="pixel"/> of <paramref name="rgba"/> is written with.</summary>
    public static byte GifIndex(byte[] rgba, int pixel) =>
        (byte)((rgba[4 * pixel] / 86) | ((rgba[(4 * pixel) + 1] / 32) << 2) | ((rgba[(4 * pixel) + 2] / 86) << 5));

    private static byte[] Indices(byte[] rgba)
    {
        var indices = new byte[rgba.Length / 4];
        for (var p = 0; p < indices.Length; p++)
        {
            indices[p] = GifIndex(rgba, p);
        }

        return indices;
    }

    /// <summary>GIF image data for 7-bit indices, uncompressed: a clear code every 100 codes keeps the code size at 8 bits.</summary>
    internal static void WriteLzw(Stream output, byte[] indices)
    {
        var codes = new List<byte>();
        for (var i = 0; i < indices.Length; i++)
        {
            if (i % 100 == 0)
            {
                codes.Add(0x80);
            }

            codes.Add(indices[i]);
        }

        codes.Add(0x81);
        for (var offset = 0; offset < codes.Count; offset += 255)
        {
            var length = Math.Min(255, codes.Count - offset);
            output.WriteByte((byte)length);
            output.Write(codes.GetRange(offset, length).ToArray());
        }

        output.WriteByte(0);
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
