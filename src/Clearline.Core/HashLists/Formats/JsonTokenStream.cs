using System.Text.Json;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Walks the tokens of a JSON stream through a refilled buffer, so a file of any size is read with memory bounded
/// by its largest captured value. <see cref="Utf8JsonReader"/> is a ref struct and cannot live across awaits, so each
/// step builds one over the buffered bytes from the saved <see cref="JsonReaderState"/>.
/// </summary>
internal sealed class JsonTokenStream(Stream stream)
{
    /// <summary>The largest single value (one Media record) this reader will buffer; beyond it the file is refused.</summary>
    public const int MaxValueBytes = 64 * 1024 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private bool _bomChecked;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });

    /// <summary>The type of the token last read.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>The text of the last property name or string token; null for other tokens.</summary>
    public string? Text { get; private set; }

    /// <summary>Reads the next token; false at the end of the input.</summary>
    /// <exception cref="JsonException">The input is not valid JSON.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TryRead())
            {
                return true;
            }

            if (_final)
            {
                return false;
            }

            await FillAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the next value whole (an object or array with everything inside it, or a scalar) and returns its bytes,
    /// which stay valid until the next call; null at the end of an enclosing array or object instead of a value.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadValueAsync(CancellationToken ct)
    {
        while (true)
        {
            var found = TryReadValue(out var value);
            if (found is not null)
            {
                // Not "found ? value : null": ReadOnlyMemory converts null (as byte[]) to an empty value.
                return found.Value ? value : default(ReadOnlyMemory<byte>?);
            }

            if (_final)
            {
                throw new JsonException("The JSON ends inside a value.");
            }

            await FillAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Skips the value that follows a property name, token by token so even a huge value needs no buffering.</summary>
    public async ValueTask SkipValueAsync(CancellationToken ct)
    {
        var depth = 0;
        do
        {
            if (!await ReadAsync(ct).ConfigureAwait(false))
            {
                throw new JsonException("The JSON ends inside a value.");
            }

            if (TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                depth++;
            }
            else if (TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                depth--;
            }
        }
        while (depth > 0);
    }

    private bool TryRead()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        if (!reader.Read())
        {
            return false;
        }

        TokenType = reader.TokenType;
        Text = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
        Advance(ref reader);
        return true;
    }

    // true: a value; false: the end of the enclosing container; null: more input needed.
    private bool? TryReadValue(out ReadOnlyMemory<byte> value)
    {
        value = default;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        if (!reader.Read())
        {
            return null;
        }

        TokenType = reader.TokenType;
        Text = null;
        if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
        {
            Advance(ref reader);
            return false;
        }

        var tokenStart = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            return null;
        }

        value = _buffer.AsMemory(_start + tokenStart, (int)reader.BytesConsumed - tokenStart);
        Advance(ref reader);
        return true;
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            if (_buffer.Length >= MaxValueBytes)
            {
                throw new JsonException($"A single value is larger than {MaxValueBytes / (1024 * 1024)} MB.");
            }

            var larger = new byte[_buffer.Length * 2];
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }

        _start = 0;
        _end = pending;
        do
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            _end += read;
            _final = read == 0;
        }
        while (!_bomChecked && _end < Utf8Bom.Length && !_final);

        if (!_bomChecked)
        {
            // Utf8JsonReader refuses a leading byte-order mark, which VICS producers often write.
            _bomChecked = true;
            if (_buffer.AsSpan(0, _end).StartsWith(Utf8Bom))
            {
                _start = Utf8Bom.Length;
            }
        }
    }
}
