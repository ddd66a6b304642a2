using System.Globalization;
using System.Text;

namespace Clearline.Crawling.Extraction;

/// <summary>
/// Turns URLs as written in pages into absolute http(s) URLs, and into one canonical form so that the same
/// resource reached by different spellings is fetched once per crawl.
/// </summary>
public static class CrawlUrl
{
    /// <summary>URLs longer than this are refused: no real resource needs them, and traps generate them.</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>
    /// Query parameters (compared case-insensitively) that carry a session id, removed by <see cref="Normalise"/>:
    /// they make one page look like endless different pages (a crawler trap) and would tie evidence to our session.
    /// <c>ASPSESSIONID…</c> parameters are matched by prefix; <c>;jsessionid=…</c> path parameters are removed too.
    /// </summary>
    public static readonly IReadOnlySet<string> SessionParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "jsessionid", "phpsessid", "sid", "sessid", "sess_id", "sessionid", "session_id", "cfid", "cftoken", "zenid", "oscsid",
    };

    private const string AspSessionPrefix = "aspsessionid";

    /// <summary>
    /// Resolves <paramref name="raw"/> (possibly relative, padded with whitespace, percent-encoded or with
    /// <c>&amp;amp;</c> left encoded) against <paramref name="baseUrl"/> and normalises it.
    /// </summary>
    /// <returns>False for anything but an http(s) URL (<c>javascript:</c>, <c>mailto:</c>, <c>data:</c>...), malformed or over-long input.</returns>
    /// <remarks>
    /// Of the character references only those for <c>&amp;</c> are decoded: the HTML parser has already decoded
    /// attributes, and a second full decode would corrupt real query parameters such as <c>&amp;copy=1</c>; a
    /// doubly encoded ampersand is the one common leftover (CMS output, CSS in <c>&lt;style&gt;</c>).
    /// </remarks>
    public static bool TryResolve(string raw, Uri baseUrl, out Uri url)
    {
        url = baseUrl;
        var cleaned = Clean(raw);
        if (cleaned.Length is 0 or > MaxLength
            || !Uri.TryCreate(baseUrl, cleaned, out var resolved)
            || resolved.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(resolved.Host))
        {
            return false;
        }

        url = Normalise(resolved);
        return true;
    }

    /// <summary>
    /// The canonical form of an absolute http(s) URL: lowercase scheme and host (IDN as punycode, no trailing
    /// dot), no default port, no fragment, dot-segments resolved, percent-encoded unreserved characters decoded
    /// and other escapes in uppercase hex, an empty path as <c>/</c>, session ids removed (see
    /// <see cref="SessionParameters"/>), the order of query parameters kept. Idempotent.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is relative or not http(s), which is a bug in the caller.</exception>
    public static Uri Normalise(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("An absolute http(s) URL is required.", nameof(url));
        }

        var text = new StringBuilder(url.Scheme).Append("://");
        if (url.UserInfo.Length > 0)
        {
            text.Append(url.UserInfo).Append('@');
        }

        // IdnHost drops the brackets of an IPv6 literal, which the URL needs.
        text.Append(url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost.ToLowerInvariant().TrimEnd('.'));
        if (!url.IsDefaultPort)
        {
            text.Append(':').Append(url.Port.ToString(CultureInfo.InvariantCulture));
        }

        var path = RemovePathSessionIds(NormaliseEscapes(url.AbsolutePath));
        text.Append(path.Length == 0 ? "/" : path);
        var query = RemoveQuerySessionIds(NormaliseEscapes(url.Query.TrimStart('?')));
        if (query.Length > 0)
        {
            text.Append('?').Append(query);
        }

        return new Uri(text.ToString(), UriKind.Absolute);
    }

    private static string Clean(string raw)
    {
        var trimmed = raw.Trim(' ', '\t', '\n', '\r', '\f');
        if (trimmed.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
        {
            trimmed = trimmed.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
                .Replace("\r", "", StringComparison.Ordinal);
        }

        return trimmed.Contains('&', StringComparison.Ordinal)
            ? trimmed.Replace("&amp;", "&", StringComparison.OrdinalIgnoreCase).Replace("&#38;", "&", StringComparison.Ordinal)
                .Replace("&#x26;", "&", StringComparison.OrdinalIgnoreCase)
            : trimmed;
    }

    /// <summary>Decodes <c>%XX</c> escapes of unreserved characters (RFC 3986 §2.3) and uppercases the rest.</summary>
    private static string NormaliseEscapes(string part)
    {
        if (!part.Contains('%', StringComparison.Ordinal))
        {
            return part;
        }

        var text = new StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '%' && i + 2 < part.Length && char.IsAsciiHexDigit(part[i + 1]) && char.IsAsciiHexDigit(part[i + 2]))
            {
                var value = (char)Convert.ToByte(part.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(value) || value is '-' or '.' or '_' or '~')
                {
                    text.Append(value);
                }
                else
                {
                    text.Append('%').Append(char.ToUpperInvariant(part[i + 1])).Append(char.ToUpperInvariant(part[i + 2]));
                }

                i += 2;
            }
            else
            {
                text.Append(part[i]);
            }
        }

        return text.ToString();
    }

    private static string RemovePathSessionIds(string path)
    {
        var at = path.IndexOf(";jsessionid=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return path;
        }

        var end = path.IndexOf('/', at + 1);
        return end < 0 ? path[..at] : path[..at] + path[end..];
    }

    private static string RemoveQuerySessionIds(string query)
    {
        if (query.Length == 0)
        {
            return query;
        }

        var kept = query.Split('&').Where(pair =>
        {
            var name = pair.Split('=', 2)[0];
            return !SessionParameters.Contains(name) && !name.StartsWith(AspSessionPrefix, StringComparison.OrdinalIgnoreCase);
        });
        return string.Join('&', kept);
    }
}
