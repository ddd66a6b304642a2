using System.Net.Http.Headers;
using System.Text;
using Clearline.Reports;

namespace Clearline.Crawling.Fetching;

/// <summary>
/// The reporter's username and password for gated content, as HTTP Basic authentication bound to one origin: the
/// reported URL's scheme, host and port. The crawler sends the Authorization header on every request to that
/// origin (pages and media, before any challenge) and on no other.
/// </summary>
/// <remarks>
/// Who is excluded, and why: every other origin, whether linked from the gated pages, embedded as media or reached
/// by a redirect, because a password given for one site must never be handed to another (a page could otherwise
/// harvest it by linking or redirecting to a server it controls). The same host on another port or scheme is
/// another origin too, so a login given for https is never sent in clear over http. A report made for an http URL
/// sends it over http to that same origin only: that is the site the reporter's login belongs to. Only the
/// username and password are used; a free-text note is for analysts. The header's value never reaches a log or the
/// evidence (which records response headers only), and <see cref="ToString"/> says nothing of
/// the secret or the site.
/// </remarks>
public sealed class OriginCredentials
{
    private readonly string _scheme;
    private readonly string _host;
    private readonly int _port;
    private readonly string _parameter;

    private OriginCredentials(Uri origin, string parameter)
    {
        _scheme = origin.Scheme;
        _host = origin.IdnHost;
        _port = origin.Port;
        _parameter = parameter;
    }

    /// <summary>Basic authentication for <paramref name="reportedUrl"/>'s origin, or null when no username or password was given.</summary>
    public static OriginCredentials? For(Uri reportedUrl, GatedContentCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(reportedUrl);
        if (credentials is null || (string.IsNullOrEmpty(credentials.Username) && string.IsNullOrEmpty(credentials.Password)))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}");
        return new OriginCredentials(reportedUrl, Convert.ToBase64String(pair));
    }

    /// <summary>The Authorization header for a request to <paramref name="url"/>; null unless it is on the bound origin.</summary>
    public AuthenticationHeaderValue? HeaderFor(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var sameOrigin = string.Equals(url.Scheme, _scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.IdnHost, _host, StringComparison.OrdinalIgnoreCase)
            && url.Port == _port;
        return sameOrigin ? new AuthenticationHeaderValue("Basic", _parameter) : null;
    }

    public override string ToString() => "Basic credentials for one origin";
}
