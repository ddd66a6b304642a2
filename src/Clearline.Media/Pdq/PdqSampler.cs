using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clearline.Media.Pdq;

/// <summary>
/// Feeds decoded rows into PDQ the way Meta's <c>pdq-photo-hasher</c> sees pixels: a nearest-neighbour resize
/// to exactly 512×512 when either side exceeds 512, the grey path when every pixel has R = G = B, and the
/// float32 luma <c>0.299f·R + 0.587f·G + 0.114f·B</c> otherwise. Alpha is ignored.
/// </summary>
/// <remarks>
/// Rows can arrive in chunks straight from a scanline decoder, so a large image never has to be held whole:
/// only the sampled pixels (at most 512×512) are kept. The grey decision needs every pixel, so each row is
/// checked until the first non-grey pixel is seen.
/// </remarks>
internal sealed class PdqSampler
{
    private readonly uint[] _samples = new uint[PdqWorkspace.MaxSide * PdqWorkspace.MaxSide];
    private readonly int[] _sourceColumns = new int[PdqWorkspace.MaxSide];
    private readonly int[] _sourceRows = new int[PdqWorkspace.MaxSide];
    private int _nextOutputRow;
    private bool _resized;

    public int Width { get; private set; }

    public int Height { get; private set; }

    public bool IsGrey { get; private set; }

    /// <summary>Prepares for an image of the given decoded size.</summary>
    public void Begin(int sourceWidth, int sourceHeight)
    {
        _resized = sourceWidth > PdqWorkspace.MaxSide || sourceHeight > PdqWorkspace.MaxSide;
        Width = _resized ? PdqWorkspace.MaxSide : sourceWidth;
        Height = _resized ? PdqWorkspace.MaxSide : sourceHeight;
        IsGrey = true;
        _nextOutputRow = 0;
        for (var i = 0; i < Width; i++)
        {
            // floor(x · W / 512.0) in the reference's double arithmetic equals this integer expression.
            _sourceColumns[i] = _resized ? (int)((long)i * sourceWidth / PdqWorkspace.MaxSide) : i;
        }

        for (var i = 0; i < Height; i++)
        {
            _sourceRows[i] = _resized ? (int)((long)i * sourceHeight / PdqWorkspace.MaxSide) : i;
        }
    }

    /// <summary>Accepts <paramref name="rowCount"/> decoded rows starting at image row <paramref name="firstRow"/>.</summary>
    /// <param name="pixels">Rows of RGBA (4 bytes) or grey (1 byte) pixels.</param>
    /// <param name="rowBytes">The distance between rows in <paramref name="pixels"/>.</param>
    /// <param name="firstRow">The image row of the first row given.</param>
    /// <param name="rowCount">The number of rows given.</param>
    /// <param name="grey">True for one grey byte per pixel, false for RGBA.</param>
    public void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey)
    {
        for (var r = 0; r < rowCount; r++)
        {
            var row = pixels.Slice(r * rowBytes, rowBytes);
            var sourceRow = firstRow + r;
            if (!grey && IsGrey)
            {
                IsGrey = RowIsGrey(MemoryMarshal.Cast<byte, uint>(row));
            }

            while (_nextOutputRow < Height && _sourceRows[_nextOutputRow] == sourceRow)
            {
                CopySamples(row, grey, _samples.AsSpan(_nextOutputRow * Width, Width));
                _nextOutputRow++;
            }
        }
    }

    private void CopySamples(ReadOnlySpan<byte> row, bool grey, Span<uint> destination)
    {
        if (grey)
        {
            for (var x = 0; x < destination.Length; x++)
            {
                destination[x] = row[_sourceColumns[x]] * 0x010101u;
            }

            return;
        }

        var pixels = MemoryMarshal.Cast<byte, uint>(row);
        if (!_resized)
        {
            pixels[..destination.Length].CopyTo(destination);
            return;
        }

        for (var x = 0; x < destination.Length; x++)
        {
            destination[x] = pixels[_sourceColumns[x]];
        }
    }

    /// <summary>True when every pixel of the row has R = G = B (byte order R, G, B, A).</summary>
    internal static bool RowIsGrey(ReadOnlySpan<uint> row)
    {
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(row);
        var mask = Vector256.Create(0xFFFFu);
        for (; i + 8 <= row.Length; i += 8)
        {
            var p = Vector256.LoadUnsafe(ref start, (nuint)i);
            if (!Vector256.EqualsAll((p ^ Vector256.ShiftRightLogical(p, 8)) & mask, Vector256<uint>.Zero))
            {
                return false;
            }
        }

        for (; i < row.Length; i++)
        {
            var p = row[i];
            if (((p ^ (p >> 8)) & 0xFFFF) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the float luma of the sampled image into the workspace (row-major, stride Pad(Width)).</summary>
    public void FillLuma(PdqWorkspace ws) => LumaFill.Run(_samples.AsSpan(0, Width * Height), Width, Height, IsGrey, ws.Primary);
}
