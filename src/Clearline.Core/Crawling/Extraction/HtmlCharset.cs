using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Text;

namespace Clearline.Crawling.Extraction;

/// <summary>
/// Picks the character encoding of a page as browsers do, in order: a byte order mark, the Content-Type
/// charset, a <c>&lt;meta charset&gt;</c> (or <c>http-equiv</c>) within the first 1024 bytes, else UTF-8.
/// </summary>
/// <remarks>
/// Deciding before parsing (rather than restarting the parser on a late <c>&lt;meta&gt;</c>) keeps the cost of
/// a page to one parse. UTF-8 is the fallback rather than the WHATWG's windows-1252: undeclared pages today are
/// mostly UTF-8, and URLs mostly ASCII, where both agree.
/// </remarks>
internal static partial class HtmlCharset
{
    private const int PrescanBytes = 1024;

    static HtmlCharset()
    {
        // .NET Core ships only the Unicode encodings and Latin-1; legacy pages need windows-1252, Shift_JIS, GBK...
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Detect(ReadOnlySpan<byte> body, string? contentType)
    {
        if (FromByteOrderMark(body) is { } bom)
        {
            return bom;
        }

        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && Resolve(parsed.CharSet) is { } declared)
        {
            return declared;
        }

        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, PrescanBytes)]);
        var meta = MetaCharset().Match(head);
        return (meta.Success ? Resolve(meta.Groups["charset"].Value) : null) ?? Encoding.UTF8;
    }

    private static Encoding? FromByteOrderMark(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        _ => null,
    };

    /// <summary>
    /// Maps a charset label through AngleSharp's WHATWG label table. A page declaring UTF-16 in ASCII is lying
    /// (it could not be read otherwise), so, as in browsers, it is read as UTF-8.
    /// </summary>
    private static Encoding? Resolve(string? label)
    {
        var name = label?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(name) || !TextEncoding.IsSupported(name))
        {
            return null;
        }

        var encoding = TextEncoding.Resolve(name);
        return encoding is UnicodeEncoding ? Encoding.UTF8 : encoding;
    }

    [GeneratedRegex("""<meta[^>]+?charset\s*=\s*["']?(?<charset>[A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MetaCharset();
}
