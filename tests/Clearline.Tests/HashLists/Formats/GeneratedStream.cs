using System.Text;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>
/// A read-only stream of <c>head</c>, then <c>count</c> generated items joined by <c>separator</c>, then <c>tail</c>,
/// produced as it is read: a file of millions of entries that never exists in memory.
/// </summary>
internal sealed class GeneratedStream(string head, long count, Func<long, string> item, string separator, string tail) : Stream
{
    private byte[] _pending = Encoding.UTF8.GetBytes(head);
    private int _offset;
    private long _next;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && (_offset < _pending.Length || Refill()))
        {
            var n = Math.Min(buffer.Length - written, _pending.Length - _offset);
            _pending.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Refill()
    {
        if (_done)
        {
            return false;
        }

        if (_next < count)
        {
            _pending = Encoding.UTF8.GetBytes(_next == 0 ? item(_next) : separator + item(_next));
            _next++;
        }
        else
        {
            _pending = Encoding.UTF8.GetBytes(tail);
            _done = true;
        }

        _offset = 0;
        return true;
    }
}
