using System.Text;

using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.HashLists.Formats;

/// <summary>
/// A read-only stream of <c>head</c>, then <c>count</c> generated items joined by <c>separator</c>, then <c>tail</c>,
/// produced as it is read: a file of millions of entries that never exists in memory.
/// </summary>
internal sealed class GeneratedStream(string head, long count, Func<long, string> item, string separator, string tail) : ReadOnlyTestStream
{
    private byte[] _pending = Encoding.UTF8.GetBytes(head);
    private int _offset;
    private long _next;
    private bool _done;

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
