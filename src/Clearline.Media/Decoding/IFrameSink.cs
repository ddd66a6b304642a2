namespace Clearline.Media.Decoding;

/// <summary>Receives decoded frames row chunk by row chunk, so a consumer never needs the whole image in memory.</summary>
internal interface IFrameSink
{
    /// <summary>A frame of the given size starts.</summary>
    void BeginFrame(int width, int height);

    /// <summary>Decoded rows: RGBA (4 bytes per pixel, unpremultiplied, R first) or one grey byte per pixel.</summary>
    void AddRows(ReadOnlySpan<byte> pixels, int rowBytes, int firstRow, int rowCount, bool grey);

    /// <summary>The frame is complete (possibly with decoder-filled rows when truncated and hashed partially).</summary>
    void EndFrame(int index);
}
