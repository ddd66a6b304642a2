using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Reads lines like <see cref="TextReader.ReadLineAsync()"/> (ending at <c>\n</c>, <c>\r\n</c> or <c>\r</c>), but
/// never buffers more than <see cref="MaxLineChars"/>: a longer line is skipped and flagged, so a file that is one
/// endless line cannot make memory grow with its size.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader)
{
    /// <summary>The longest line kept; no hash-list line comes near it.</summary>
    public const int MaxLineChars = 1024 * 1024;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    /// <summary>The 1-based number of the line last read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last read ended at the end of the input without a line break (a cut file ends so).</summary>
    public bool EndedWithoutLineBreak { get; private set; }

    /// <summary>Whether the line last read was longer than <see cref="MaxLineChars"/> (it was returned empty).</summary>
    public bool TooLong { get; private set; }

    /// <summary>The next line without its line break, or null at the end of the input.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken ct)
    {
        _line.Clear();
        TooLong = false;
        EndedWithoutLineBreak = false;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), ct).ConfigureAwait(false);
                _position = 0;
                if (_length == 0)
                {
                    EndedWithoutLineBreak = any;
                    return any ? Finish() : null;
                }
            }

            if (_skipLineFeed)
            {
                // The \n of a \r\n that straddled two reads.
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            any = true;
            var rest = _buffer.AsSpan(_position, _length - _position);
            var end = rest.IndexOfAny('\r', '\n');
            var take = end < 0 ? rest.Length : end;
            Append(rest[..take]);
            _position += take;
            if (end >= 0)
            {
                var lineBreak = _buffer[_position++];
                if (lineBreak == '\r')
                {
                    _skipLineFeed = true;
                }

                return Finish();
            }
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (TooLong)
        {
            return;
        }

        if (_line.Length + text.Length > MaxLineChars)
        {
            TooLong = true;
            _line.Clear();
            return;
        }

        _line.Append(text);
    }

    private string Finish()
    {
        LineNumber++;
        return _line.ToString();
    }
}
