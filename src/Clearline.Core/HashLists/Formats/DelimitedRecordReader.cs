using System.Text;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Splits delimited text into records by RFC 4180: a field in double quotes may hold the delimiter, <c>""</c> for a
/// quote, and line breaks. Blank lines are skipped. A record with broken quoting is returned with an
/// <see cref="Error"/> instead of fields, and reading goes on with the next line.
/// </summary>
internal sealed class DelimitedRecordReader(TextReader reader, char delimiter)
{
    /// <summary>The most a quoted field may hold; more means an unterminated quote, which would swallow the file.</summary>
    public const int MaxQuotedFieldChars = BoundedLineReader.MaxLineChars;

    private const string TooLong = "The line is longer than a million characters.";

    private readonly BoundedLineReader _lines = new(reader);
    private readonly StringBuilder _quoted = new();
    private bool _unclosed;

    /// <summary>The delimiter; a reader of a header may switch it once it knows better (e.g. <c>;</c>).</summary>
    public char Delimiter { get; set; } = delimiter;

    /// <summary>The 1-based line on which the record last read starts.</summary>
    public long Line { get; private set; }

    /// <summary>Why the record last read could not be split, or null when its fields are valid.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Whether the record last read is cut off: the input ended inside it (no line break after it, or a quoted field
    /// never closed). With an <see cref="Error"/> (or fields that do not fit) the file was truncated there.
    /// </summary>
    public bool EndsInside => _lines.EndedWithoutLineBreak || _unclosed;

    /// <summary>Reads the next non-blank record into <paramref name="fields"/>; false at the end of the input.</summary>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken ct)
    {
        fields.Clear();
        Error = null;
        _unclosed = false;
        string? text;
        do
        {
            text = await _lines.ReadLineAsync(ct).ConfigureAwait(false);
            if (text is null)
            {
                return false;
            }

            Line = _lines.LineNumber;
        }
        while (string.IsNullOrWhiteSpace(text) && !_lines.TooLong);

        if (_lines.TooLong)
        {
            Error = TooLong;
            return true;
        }

        var i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                (text, i) = await ReadQuotedAsync(text, i + 1, ct).ConfigureAwait(false);
                if (Error is not null)
                {
                    return true;
                }

                fields.Add(_quoted.ToString());
                if (i == text.Length)
                {
                    return true;
                }

                if (text[i] != Delimiter)
                {
                    Error = $"Text after the closing quote of field {fields.Count}.";
                    return true;
                }
            }
            else
            {
                var end = text.IndexOf(Delimiter, i);
                fields.Add(text[i..(end < 0 ? text.Length : end)]);
                if (end < 0)
                {
                    return true;
                }

                i = end;
            }

            i++;
        }
    }

    // Reads a quoted field's content (from just after the opening quote) into _quoted, across lines if it holds line
    // breaks; returns the line and position after the closing quote.
    private async ValueTask<(string Text, int Index)> ReadQuotedAsync(string text, int i, CancellationToken ct)
    {
        _quoted.Clear();
        while (true)
        {
            var quote = text.IndexOf('"', i);
            if (quote < 0)
            {
                _quoted.Append(text, i, text.Length - i);
                var next = _quoted.Length > MaxQuotedFieldChars ? null : await _lines.ReadLineAsync(ct).ConfigureAwait(false);
                if (next is null || _lines.TooLong)
                {
                    _unclosed = next is null;
                    Error = next is null
                        ? "A quoted field is never closed (lines up to the end of the file or a million characters are part of it)."
                        : TooLong;
                    return (text, text.Length);
                }

                _quoted.Append('\n');
                (text, i) = (next, 0);
                continue;
            }

            _quoted.Append(text, i, quote - i);
            if (quote + 1 < text.Length && text[quote + 1] == '"')
            {
                _quoted.Append('"');
                i = quote + 2;
                continue;
            }

            return (text, quote + 1);
        }
    }
}
