using System.Text;

namespace Clearline.Account;

/// <summary>Where to go after signing in: a local path only, made safe to put in a <c>Location</c> header.</summary>
/// <remarks>
/// A return URL comes from the query string, so anyone can craft it: a URL to another site is dropped (no open
/// redirect), and non-ASCII characters are percent-encoded, because a raw one in a header fails the response
/// after the code was already used up. A control character or a broken surrogate makes it the home page.
/// </remarks>
public static class ReturnUrls
{
    public const string Home = "/";

    public static string Safe(IUrlHelper url, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl))
        {
            return Home;
        }

        var safe = new StringBuilder(returnUrl.Length);
        for (var i = 0; i < returnUrl.Length; i++)
        {
            var c = returnUrl[i];
            if (char.IsControl(c))
            {
                return Home;
            }

            if (c < 0x80)
            {
                safe.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < returnUrl.Length && char.IsLowSurrogate(returnUrl[i + 1]) ? 2
                : char.IsSurrogate(c) ? 0 : 1;
            if (length == 0)
            {
                return Home;
            }

            foreach (var b in Encoding.UTF8.GetBytes(returnUrl.ToCharArray(i, length)))
            {
                safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return safe.ToString();
    }
}
