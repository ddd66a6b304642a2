using System.Buffers.Text;
using System.Text;

namespace Clearline.Crawling.Extraction;

/// <summary>Decodes <c>data:</c> URIs (RFC 2397, as browsers read them): base64 or percent-encoded bodies.</summary>
internal static class DataUri
{
    public static bool IsDataUri(string raw) =>
        raw.AsSpan().TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes a data URI; false when it has no comma or its base64 is invalid.</summary>
    public static bool TryDecode(string raw, out byte[] bytes, out string? declaredType)
    {
        bytes = [];
        declaredType = null;
        var text = raw.Trim();
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = text[5..comma].Trim();
        var isBase64 = header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
        var type = header.Split(';')[0].Trim();
        declaredType = type.Length == 0 ? null : type.ToLowerInvariant();

        var body = PercentDecode(text.AsSpan(comma + 1));
        if (!isBase64)
        {
            bytes = body;
            return true;
        }

        var compact = body.Where(b => b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f')).ToArray();
        var padded = compact.Length % 4 == 0 ? compact : [.. compact, .. Enumerable.Repeat((byte)'=', 4 - (compact.Length % 4))];
        bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(padded.Length)];
        if (Base64.DecodeFromUtf8(padded, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }

    /// <summary>Decodes <c>%XX</c> escapes; other characters become their UTF-8 bytes. Unlike form decoding, <c>+</c> stays <c>+</c>.</summary>
    private static byte[] PercentDecode(ReadOnlySpan<char> text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else if (char.IsAscii(text[i]))
            {
                bytes.Add((byte)text[i]);
            }
            else
            {
                var length = i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]) ? 2 : 1;
                var written = Encoding.UTF8.GetBytes(text.Slice(i, length), utf8);
                bytes.AddRange(utf8[..written]);
                i += length - 1;
            }
        }

        return [.. bytes];
    }

    private static int HexValue(char c) => char.IsAsciiDigit(c) ? c - '0' : (char.ToUpperInvariant(c) - 'A') + 10;
}
