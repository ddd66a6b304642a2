using Clearline.Storage;

namespace Clearline.Crawling.Fetching;

/// <summary>
/// Wraps the raw (possibly compressed) response stream: counts the bytes received, applies the read timeout to
/// each read, and stops at <c>limit + 1</c> bytes so an endless response is never read further than needed.
/// </summary>
internal sealed class CountingReadStream(Stream inner, long limit, FetchDeadlines deadlines, TimeSpan readTimeout) : ReadOnlyStream
{
    /// <summary>Bytes received so far.</summary>
    public long Count { get; private set; }

    /// <summary>True once more than the limit has been received.</summary>
    public bool Exceeded => Count > limit;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Exceeded)
        {
            return 0;
        }

        var allowed = (int)Math.Min(buffer.Length, limit + 1 - Count);
        var token = deadlines.Arm(readTimeout);
        var read = await inner.ReadAsync(buffer[..allowed], token);
        deadlines.Disarm();
        Count += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Read asynchronously: the read timeout needs it.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
