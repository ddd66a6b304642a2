using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>
/// A read-only stream over bytes that hands out at most <c>chunk</c> bytes per read, so tokens, characters and
/// byte-order marks straddle buffer boundaries the way they do on a slow network.
/// </summary>
internal sealed class TrickleStream(byte[] bytes, int chunk) : ReadOnlyTestStream
{
    private int _position;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
