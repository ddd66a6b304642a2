using System.Buffers;
using Clearline.Media.Decoding;
using SkiaSharp;

namespace Clearline.Media.Previews;

/// <summary>Keeps the first decoded frame as RGBA (pooled) and renders the three previews from it.</summary>
internal sealed class PreviewSink(PreviewOptions options) : IFrameSink, IDisposable
{
    private byte[]? _pixels;
    private int _width;
    private int _height;
    private bool _complete;

    public void BeginFrame(int width, int height)
    {
        if (_pixels is not null)
        {
            return;
        }

        _width = width;
        _height = height;
        _pixels = ArrayPool<byte>.Shared.Rent(checked(width * height * 4));
    }

    public void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey)
    {
        if (_pixels is null || _complete)
        {
            return;
        }

        for (var r = 0; r < rowCount; r++)
        {
            var source = pixels.Slice(r * rowBytes, grey ? _width : _width * 4);
            var target = _pixels.AsSpan((firstRow + r) * _width * 4, _width * 4);
            if (!grey)
            {
                source.CopyTo(target);
                continue;
            }

            for (var x = 0; x < _width; x++)
            {
                var g = source[x];
                target[(4 * x) + 0] = g;
                target[(4 * x) + 1] = g;
                target[(4 * x) + 2] = g;
                target[(4 * x) + 3] = 0xFF;
            }
        }
    }

    public void EndFrame(int index) => _complete = true;

    /// <summary>Renders the previews, or null when no frame was delivered.</summary>
    public unsafe ImagePreviews? Render()
    {
        if (_pixels is null || !_complete)
        {
            return null;
        }

        fixed (byte* pixels = _pixels)
        {
            var info = new SKImageInfo(_width, _height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var source = new SKPixmap(info, (IntPtr)pixels, info.RowBytes);
            return PreviewRenderer.Render(source, options);
        }
    }

    public void Dispose()
    {
        if (_pixels is not null)
        {
            ArrayPool<byte>.Shared.Return(_pixels);
            _pixels = null;
        }
    }
}
