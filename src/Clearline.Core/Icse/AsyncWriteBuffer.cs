namespace Clearline.Icse;

/// <summary>
/// A forward-only stream over a response body that refuses synchronous writes: what a writer such as
/// <see cref="System.IO.Compression.ZipArchive"/> writes synchronously (headers, data descriptors, the central
/// directory) is buffered and sent on with <see cref="DrainAsync"/>; asynchronous writes pass through once the buffer
/// is drained. Memory is what is written between two drains.
/// </summary>
internal sealed class AsyncWriteBuffer(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <summary>Sends what was buffered to the inner stream.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
            _pending.SetLength(0);
        }

        await inner.FlushAsync(ct);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }

        await inner.WriteAsync(buffer, cancellationToken);
        _written += buffer.Length;
    }

    public override void Flush()
    {
        // Sent on the next drain: the inner stream takes no synchronous writes.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
