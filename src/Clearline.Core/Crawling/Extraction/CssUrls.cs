using System.Globalization;
using System.Text;

namespace Clearline.Crawling.Extraction;

/// <summary>
/// Finds the <c>url(...)</c> references in CSS text (a <c>style</c> attribute or element), quoted or not,
/// with CSS escapes decoded and comments skipped. Not a full CSS parser (AngleSharp.Css is not used):
/// <c>@import</c> targets are skipped, as stylesheets are not followed, and bare strings in
/// <c>image-set("a.png" 1x)</c> are not extracted.
/// </summary>
internal static class CssUrls
{
    public static IEnumerable<string> Find(string css)
    {
        var i = 0;
        while (i < css.Length)
        {
            if (css[i] == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? css.Length : end + 2;
            }
            else if (css[i] is '"' or '\'')
            {
                i = ReadString(css, i + 1, css[i], null);
            }
            else if (IsUrlFunction(css, i))
            {
                var value = new StringBuilder();
                i = ReadUrl(css, i + 4, value);
                if (value.Length > 0 && !FollowsImport(css, i))
                {
                    yield return value.ToString();
                }
            }
            else
            {
                i++;
            }
        }
    }

    private static bool IsUrlFunction(string css, int i) =>
        string.Compare(css, i, "url(", 0, 4, StringComparison.OrdinalIgnoreCase) == 0
        && (i == 0 || !(char.IsAsciiLetterOrDigit(css[i - 1]) || css[i - 1] is '-' or '_' or '\\'));

    private static bool FollowsImport(string css, int urlEnd)
    {
        var start = css.LastIndexOf("url(", Math.Max(0, urlEnd - 1), StringComparison.OrdinalIgnoreCase);
        var before = css.AsSpan(0, Math.Max(0, start)).TrimEnd();
        return before.EndsWith("@import", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the argument of <c>url(</c> starting at <paramref name="i"/>; returns the index after the closing parenthesis.</summary>
    private static int ReadUrl(string css, int i, StringBuilder value)
    {
        while (i < css.Length && char.IsWhiteSpace(css[i]))
        {
            i++;
        }

        if (i < css.Length && css[i] is '"' or '\'')
        {
            i = ReadString(css, i + 1, css[i], value);
            var close = css.IndexOf(')', i);
            return close < 0 ? css.Length : close + 1;
        }

        while (i < css.Length && css[i] != ')')
        {
            i = css[i] == '\\' ? ReadEscape(css, i + 1, value) : Append(value, css[i], i);
        }

        var trimmed = value.ToString().Trim();
        value.Clear().Append(trimmed);
        return Math.Min(i + 1, css.Length);
    }

    /// <summary>Reads a string body up to the closing <paramref name="quote"/>; returns the index after it.</summary>
    private static int ReadString(string css, int i, char quote, StringBuilder? value)
    {
        var sink = value ?? new StringBuilder();
        while (i < css.Length && css[i] != quote && css[i] != '\n')
        {
            if (css[i] == '\\' && i + 1 < css.Length && css[i + 1] == '\n')
            {
                i += 2;
            }
            else
            {
                i = css[i] == '\\' ? ReadEscape(css, i + 1, sink) : Append(sink, css[i], i);
            }
        }

        return Math.Min(i + 1, css.Length);
    }

    /// <summary>Decodes a CSS escape after its backslash: 1–6 hex digits and one optional space, or the next character itself.</summary>
    private static int ReadEscape(string css, int i, StringBuilder value)
    {
        if (i >= css.Length)
        {
            return i;
        }

        var hex = 0;
        while (hex < 6 && i + hex < css.Length && char.IsAsciiHexDigit(css[i + hex]))
        {
            hex++;
        }

        if (hex == 0)
        {
            return Append(value, css[i], i);
        }

        var code = int.Parse(css.AsSpan(i, hex), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        value.Append(code is 0 or > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF ? "\uFFFD" : char.ConvertFromUtf32(code));
        i += hex;
        return i < css.Length && char.IsWhiteSpace(css[i]) ? i + 1 : i;
    }

    private static int Append(StringBuilder value, char c, int i)
    {
        value.Append(c);
        return i + 1;
    }
}
