using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Clearline.Media.Decoding;

/// <summary>
/// The palette colour under each GIF frame's transparent index, read from the file's own blocks, so that pixels
/// Skia decodes as transparent black can be given back the colour the reference hashes.
/// </summary>
/// <remarks>
/// <para>The reference (<c>pdq-photo-hasher</c>, through ImageMagick) hashes the colour-table entry of the transparent
/// index, alpha dropped; Skia's GIF decoder (Wuffs) gives those pixels as (0, 0, 0, 0). A frame's transparent index
/// comes from the graphic-control extension just before its image descriptor, and its colour from the frame's local
/// colour table, or else the global one.</para>
/// <para>Composed frames of an animation keep alpha 0 only where no frame so far drew an opaque pixel; those pixels
/// take the current frame's colour. Pixels outside a first frame smaller than the canvas take it too, where the
/// reference (ImageMagick without coalescing) hashes the first frame at its own size: such files cannot agree.</para>
/// <para>Only the block structure is walked (the LZW data is skipped sub-block by sub-block), with every length
/// checked: hostile or truncated files give fewer entries, never an exception.</para>
/// </remarks>
internal static class GifTransparency
{
    /// <summary>No transparent colour for the frame: no transparency flag, no colour table, or an index outside it.</summary>
    public const uint None = 0;

    private const byte ExtensionIntroducer = 0x21;
    private const byte ImageSeparator = 0x2C;
    private const byte GraphicControlLabel = 0xF9;
    private const int MaxFrames = 1 << 20;

    /// <summary>
    /// For each frame in file order, the transparent index's palette colour (R in the low byte, then G and B, and
    /// bit 31 set to mark it present), or <see cref="None"/>; entries stop where the file stops making sense.
    /// </summary>
    /// <param name="gif">The GIF file.</param>
    public static IReadOnlyList<uint> ReadFrameColours(ReadOnlySpan<byte> gif)
    {
        var colours = new List<uint>();
        if (gif.Length < 13 || !gif[..3].SequenceEqual("GIF"u8))
        {
            return colours;
        }

        var screenFlags = gif[10];
        var position = 13;
        var global = ReadOnlySpan<byte>.Empty;
        if ((screenFlags & 0x80) != 0)
        {
            var size = 3 << ((screenFlags & 7) + 1);
            if (gif.Length < position + size)
            {
                return colours;
            }

            global = gif.Slice(position, size);
            position += size;
        }

        var transparentIndex = -1;
        while (position < gif.Length && colours.Count < MaxFrames)
        {
            switch (gif[position])
            {
                case ExtensionIntroducer:
                    if (position + 1 >= gif.Length)
                    {
                        return colours;
                    }

                    if (gif[position + 1] == GraphicControlLabel && position + 7 < gif.Length && gif[position + 2] >= 4)
                    {
                        transparentIndex = (gif[position + 3] & 1) != 0 ? gif[position + 6] : -1;
                    }

                    position = SkipSubBlocks(gif, position + 2);
                    break;

                case ImageSeparator:
                    if (position + 10 > gif.Length)
                    {
                        return colours;
                    }

                    var imageFlags = gif[position + 9];
                    position += 10;
                    var table = global;
                    if ((imageFlags & 0x80) != 0)
                    {
                        var size = 3 << ((imageFlags & 7) + 1);
                        if (gif.Length < position + size)
                        {
                            return colours;
                        }

                        table = gif.Slice(position, size);
                        position += size;
                    }

                    colours.Add(ColourOf(table, transparentIndex));
                    transparentIndex = -1;

                    // The LZW minimum code size, then the image data's sub-blocks.
                    position = SkipSubBlocks(gif, position + 1);
                    break;

                default:
                    // The trailer, or bytes that are not a block: either way nothing more can be read.
                    return colours;
            }
        }

        return colours;
    }

    /// <summary>Gives every fully transparent pixel of RGBA rows the colour <paramref name="colour"/> (its alpha stays 0).</summary>
    /// <param name="rgba">Rows of unpremultiplied RGBA pixels, R first.</param>
    /// <param name="colour">A value from <see cref="ReadFrameColours"/> other than <see cref="None"/>.</param>
    public static void Restore(Span<byte> rgba, uint colour)
    {
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba);
        var fill = BitConverter.IsLittleEndian ? colour & 0x00FFFFFF : BinaryPrimitives.ReverseEndianness(colour & 0x00FFFFFF);
        var alpha = BitConverter.IsLittleEndian ? 0xFF000000u : 0x000000FFu;
        for (var i = 0; i < pixels.Length; i++)
        {
            if ((pixels[i] & alpha) == 0)
            {
                pixels[i] = fill;
            }
        }
    }

    private static uint ColourOf(ReadOnlySpan<byte> table, int index)
    {
        if (index < 0 || (3 * index) + 2 >= table.Length)
        {
            return None;
        }

        var entry = table.Slice(3 * index, 3);

        // Bit 31 marks the value as set, so that black (0, 0, 0) is distinguishable from None; Restore masks it.
        return 0x80000000u | entry[0] | ((uint)entry[1] << 8) | ((uint)entry[2] << 16);
    }

    /// <summary>The position after the sub-blocks starting at <paramref name="position"/> and their zero terminator.</summary>
    private static int SkipSubBlocks(ReadOnlySpan<byte> gif, int position)
    {
        while (position < gif.Length)
        {
            var length = gif[position];
            position += 1 + length;
            if (length == 0)
            {
                return position;
            }
        }

        return gif.Length;
    }
}
