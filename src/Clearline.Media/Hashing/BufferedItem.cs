using System.Buffers;

namespace Clearline.Media.Hashing;

/// <summary>
/// One item read from a stream into a pooled buffer while its cryptographic hashes are computed, so the bytes
/// are read exactly once. Past the byte limit the rest is still hashed but not kept.
/// </summary>
internal sealed class BufferedItem : IDisposable
{
    private byte[] _buffer;
    private int _filled;

    private BufferedItem(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1));

    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, _filled);

    public long Length { get; private set; }

    public bool Overflowed { get; private set; }

    public CryptographicHashes Hashes { get; private set; } = null!;

    public static BufferedItem Read(Stream stream, long maxBytes)
    {
        var item = new BufferedItem(InitialCapacity(stream, maxBytes));
        using var hasher = new CryptographicHasher();
        int read;
        while ((read = stream.Read(item.NextWindow(maxBytes))) > 0)
        {
            item.Accept(read, maxBytes, hasher);
        }

        item.Hashes = hasher.Finish();
        return item;
    }

    public static async Task<BufferedItem> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        var item = new BufferedItem(InitialCapacity(stream, maxBytes));
        using var hasher = new CryptographicHasher();
        int read;
        while ((read = await stream.ReadAsync(item.NextWindowMemory(maxBytes), cancellationToken)) > 0)
        {
            item.Accept(read, maxBytes, hasher);
        }

        item.Hashes = hasher.Finish();
        return item;
    }

    private static int InitialCapacity(Stream stream, long maxBytes)
    {
        var limit = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        return stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 1, 1, limit) : Math.Min(limit, CryptographicHasher.ChunkSize);
    }

    private Span<byte> NextWindow(long maxBytes) => NextWindowMemory(maxBytes).Span;

    /// <summary>Where the next read goes: after the kept bytes, or over scratch space once past the limit.</summary>
    private Memory<byte> NextWindowMemory(long maxBytes)
    {
        if (Overflowed)
        {
            return _buffer.AsMemory(0, Math.Min(_buffer.Length, CryptographicHasher.ChunkSize));
        }

        if (_filled == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Math.Min(maxBytes + 1, Array.MaxLength)));
            _buffer.AsSpan(0, _filled).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsMemory(_filled, Math.Min(_buffer.Length - _filled, CryptographicHasher.ChunkSize * 16));
    }

    private void Accept(int read, long maxBytes, CryptographicHasher hasher)
    {
        var window = Overflowed ? _buffer.AsSpan(0, read) : _buffer.AsSpan(_filled, read);
        hasher.Append(window);
        Length += read;
        if (!Overflowed)
        {
            _filled += read;
            Overflowed = _filled > maxBytes;
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
