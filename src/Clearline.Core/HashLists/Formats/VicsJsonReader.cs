using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Streams the Media records of a VICS JSON file, 1.x or 2.0, hash set (<c>value</c> holds Media) or case export
/// (<c>value</c> holds Cases, each with a <c>Media</c> array), one record at a time: memory is bounded by the
/// largest single Media record, never by the file. Everything else (Case fields, metadata, Exifs) is skipped.
/// </summary>
/// <remarks>
/// A malformed record is an error for that record only. Broken JSON syntax (a truncated file ends in it) cannot be
/// resynchronised, so it ends the file with one error that <see cref="HashListRecord.Error.EndsReading"/>, after
/// everything before it was yielded.
/// </remarks>
internal sealed partial class VicsJsonReader
{
    private readonly JsonTokenStream _json;
    private State _state = State.Start;
    private bool _isCaseExport;
    private bool _sawValue;
    private long _index;

    private VicsJsonReader(Stream stream) => _json = new JsonTokenStream(stream);

    private enum State
    {
        Start,
        Root,
        MediaArray,
        CasesArray,
        Case,
        CaseMedia,
        Done,
    }

    /// <summary>Reads <paramref name="stream"/> to the end, yielding the model, entries and errors in order.</summary>
    public static async IAsyncEnumerable<HashListRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        var reader = new VicsJsonReader(stream);
        while (true)
        {
            HashListRecord? record;
            try
            {
                record = await reader.NextAsync(ct).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                reader._state = State.Done;
                record = new HashListRecord.Error(
                    reader._index, $"Invalid JSON after Media record {reader._index}, reading stopped (the file is truncated or corrupt): {Reason(ex)}", EndsReading: true);
            }

            if (record is null)
            {
                yield break;
            }

            yield return record;
        }
    }

    private async ValueTask<HashListRecord?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            switch (_state)
            {
                case State.Start:
                    await ExpectAsync(JsonTokenType.StartObject, "The file is not a JSON object.", ct).ConfigureAwait(false);
                    _state = State.Root;
                    break;
                case State.Root:
                    if (await ReadRootAsync(ct).ConfigureAwait(false) is { } rootRecord)
                    {
                        return rootRecord;
                    }

                    break;
                case State.MediaArray or State.CaseMedia:
                    if (await _json.ReadValueAsync(ct).ConfigureAwait(false) is { } media)
                    {
                        return VicsMedia.Read(media, ++_index);
                    }

                    _state = _state == State.MediaArray ? State.Root : State.Case;
                    break;
                case State.CasesArray:
                    await _json.ReadAsync(ct).ConfigureAwait(false);
                    _state = _json.TokenType switch
                    {
                        JsonTokenType.EndArray => State.Root,
                        JsonTokenType.StartObject => State.Case,
                        _ => throw new JsonException("A Case is not a JSON object."),
                    };
                    break;
                case State.Case:
                    await ReadCasePropertyAsync(ct).ConfigureAwait(false);
                    break;
                case State.Done:
                    return null;
            }
        }
    }

    private async ValueTask<HashListRecord?> ReadRootAsync(CancellationToken ct)
    {
        await _json.ReadAsync(ct).ConfigureAwait(false);
        if (_json.TokenType == JsonTokenType.EndObject)
        {
            _state = State.Done;
            return _sawValue ? null : new HashListRecord.Error(0, "No \"value\" array: this is not a VICS file.");
        }

        var name = _json.Text;
        if (Is(name, "@odata.context") || Is(name, "odata.metadata"))
        {
            if (await _json.ReadValueAsync(ct).ConfigureAwait(false) is { } value && JsonSerializer.Deserialize<JsonElement>(value.Span) is
                { ValueKind: JsonValueKind.String } context)
            {
                return Model(context.GetString()!);
            }
        }
        else if (Is(name, "value"))
        {
            await ExpectAsync(JsonTokenType.StartArray, "\"value\" is not an array.", ct).ConfigureAwait(false);
            _sawValue = true;
            _state = _isCaseExport ? State.CasesArray : State.MediaArray;
        }
        else
        {
            await _json.SkipValueAsync(ct).ConfigureAwait(false);
        }

        return null;
    }

    private async ValueTask ReadCasePropertyAsync(CancellationToken ct)
    {
        await _json.ReadAsync(ct).ConfigureAwait(false);
        if (_json.TokenType == JsonTokenType.EndObject)
        {
            _state = State.CasesArray;
        }
        else if (Is(_json.Text, "Media"))
        {
            await ExpectAsync(JsonTokenType.StartArray, "A Case's \"Media\" is not an array.", ct).ConfigureAwait(false);
            _state = State.CaseMedia;
        }
        else
        {
            await _json.SkipValueAsync(ct).ConfigureAwait(false);
        }
    }

    private async ValueTask ExpectAsync(JsonTokenType type, string message, CancellationToken ct)
    {
        if (!await _json.ReadAsync(ct).ConfigureAwait(false) || _json.TokenType != type)
        {
            throw new JsonException(message);
        }
    }

    private HashListRecord.VicsModel Model(string context)
    {
        var match = ModelPattern().Match(context);
        _isCaseExport = context.EndsWith("#Cases", StringComparison.OrdinalIgnoreCase);
        return new HashListRecord.VicsModel(
            context,
            match.Success ? match.Groups["version"].Value : null,
            match.Success && match.Groups["flavour"].Success ? match.Groups["flavour"].Value : null,
            _isCaseExport);
    }

    // The reader's own position details count from the start of its buffer, not the file, so they would mislead.
    private static string Reason(JsonException ex)
    {
        var position = ex.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position < 0 ? ex.Message : ex.Message[..position];
    }

    private static bool Is(string? name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    // ".../DataModels/1.3.xml#Media" or ".../DataModels/2.0.xml/Default/$metadata#Cases" (INTEROP.md §1.2).
    [GeneratedRegex(@"/(?<version>\d+\.\d+)\.xml(?:/(?<flavour>[^/$#]+)/)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModelPattern();
}
