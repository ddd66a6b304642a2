namespace Clearline.Crawling.Extraction;

/// <summary>
/// Decides from its first bytes whether a response is an HTML page, following the WHATWG MIME sniffing rules
/// for HTML, so that a page is parsed for links whatever its Content-Type or file extension claims.
/// </summary>
public static class ContentSniffer
{
    private static readonly byte[][] HtmlOpenings =
    [
        "<!DOCTYPE HTML"u8.ToArray(), "<HTML"u8.ToArray(), "<HEAD"u8.ToArray(), "<SCRIPT"u8.ToArray(),
        "<IFRAME"u8.ToArray(), "<H1"u8.ToArray(), "<DIV"u8.ToArray(), "<FONT"u8.ToArray(), "<TABLE"u8.ToArray(),
        "<A"u8.ToArray(), "<STYLE"u8.ToArray(), "<TITLE"u8.ToArray(), "<B"u8.ToArray(), "<BODY"u8.ToArray(),
        "<BR"u8.ToArray(), "<P"u8.ToArray(), "<!--"u8.ToArray(),
    ];

    /// <summary>
    /// Whether <paramref name="head"/> (after an optional UTF-8 byte order mark and whitespace) opens with one of
    /// the WHATWG HTML signatures, case-insensitive, followed by a space or <c>&gt;</c>.
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        head = head.TrimStart((ReadOnlySpan<byte>)[0x09, 0x0A, 0x0C, 0x0D, 0x20]);
        foreach (var opening in HtmlOpenings)
        {
            if (head.Length > opening.Length
                && StartsWithIgnoringCase(head, opening)
                && head[opening.Length] is 0x20 or (byte)'>')
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> upperPattern)
    {
        for (var i = 0; i < upperPattern.Length; i++)
        {
            var b = text[i];
            if ((b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b) != upperPattern[i])
            {
                return false;
            }
        }

        return true;
    }
}
