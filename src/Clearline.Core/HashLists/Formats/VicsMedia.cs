using System.Globalization;
using System.Text.Json;

namespace Clearline.HashLists.Formats;

/// <summary>
/// Reads the hashes, category and id of one VICS Media record. Property names match case-insensitively and numbers
/// may arrive as strings, because producers differ (INTEROP.md §1.7). PhotoDNA is read from both places it travels:
/// the 2.0 <c>PhotoDNA</c> property and the 1.x <c>AlternativeHashes</c> entry.
/// </summary>
internal static class VicsMedia
{
    // The same leniency as the token stream that cut the record out of the file.
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The entry in <paramref name="json"/> (one Media object), or an error for record <paramref name="index"/>.</summary>
    public static HashListRecord Read(ReadOnlyMemory<byte> json, long index)
    {
        using var document = JsonDocument.Parse(json, Options);
        var media = document.RootElement;
        if (media.ValueKind != JsonValueKind.Object)
        {
            return new HashListRecord.Error(index, "The Media record is not a JSON object.");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? category = null;
        string? mediaId = null;
        foreach (var property in media.EnumerateObject())
        {
            var name = property.Name;
            string? error = null;
            if (Is(name, "Category"))
            {
                error = TryCategory(property.Value, out category);
            }
            else if (Is(name, "MediaID"))
            {
                error = TryText(property.Value, name, out mediaId);
            }
            else if (Is(name, "AlternativeHashes"))
            {
                error = ReadAlternativeHashes(property.Value, fields);
            }
            else if (HashName(name) is { } hash)
            {
                error = TryText(property.Value, name, out var value) ?? Add(fields, hash, value);
            }

            if (error is not null)
            {
                return new HashListRecord.Error(index, error);
            }
        }

        var raw = new RawEntry(
            Md5: fields.GetValueOrDefault("MD5"),
            Sha1: fields.GetValueOrDefault("SHA1"),
            Sha256: fields.GetValueOrDefault("SHA256"),
            Pdq: fields.GetValueOrDefault("PDQ"),
            PhotoDna: fields.GetValueOrDefault("PhotoDNA"),
            Category: category,
            SourceId: mediaId);
        return raw.ToRecord(index);
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    // The hash kinds Clearline keeps, under the names VICS writers use (as properties or as AlternativeHashes HashName).
    private static string? HashName(string name) => name.ToUpperInvariant() switch
    {
        "MD5" => "MD5",
        "SHA1" or "SHA-1" => "SHA1",
        "SHA256" or "SHA-256" => "SHA256",
        "PDQ" => "PDQ",
        "PHOTODNA" => "PhotoDNA",
        _ => null,
    };

    private static string? ReadAlternativeHashes(JsonElement hashes, Dictionary<string, string> fields)
    {
        if (hashes.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (hashes.ValueKind != JsonValueKind.Array)
        {
            return "AlternativeHashes is not an array.";
        }

        foreach (var hash in hashes.EnumerateArray())
        {
            if (hash.ValueKind != JsonValueKind.Object)
            {
                return "An AlternativeHashes item is not an object.";
            }

            string? hashName = null;
            string? hashValue = null;
            foreach (var property in hash.EnumerateObject())
            {
                var error = Is(property.Name, "HashName") ? TryText(property.Value, "HashName", out hashName)
                    : Is(property.Name, "HashValue") ? TryText(property.Value, "HashValue", out hashValue)
                    : null;
                if (error is not null)
                {
                    return error;
                }
            }

            // Hash kinds Clearline does not keep (e.g. vendor hashes) are ignored, like any unknown property.
            if (hashName is not null && HashName(hashName) is { } kind && Add(fields, kind, hashValue) is { } conflict)
            {
                return conflict;
            }
        }

        return null;
    }

    private static string? Add(Dictionary<string, string> fields, string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (fields.TryGetValue(kind, out var existing) && !string.Equals(existing, value, StringComparison.OrdinalIgnoreCase))
        {
            return $"Two different {kind} values (property and AlternativeHashes).";
        }

        fields[kind] = value;
        return null;
    }

    private static string? TryText(JsonElement value, string field, out string? text)
    {
        text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return text is null && value.ValueKind != JsonValueKind.Null ? $"{field} is not a string or number." : null;
    }

    // null is "uncategorised"; 0 is a verdict (non-pertinent in VICS 2.0) and is kept as "0".
    private static string? TryCategory(JsonElement value, out string? category)
    {
        category = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                category = number.ToString(CultureInfo.InvariantCulture);
                return null;
            case JsonValueKind.String:
                category = value.GetString();
                return null;
            default:
                return "Category is not a whole number, a string or null.";
        }
    }
}
