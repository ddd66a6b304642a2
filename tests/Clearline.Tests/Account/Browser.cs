using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.Account;

/// <summary>Just enough of a browser: a cookie jar, forms with their antiforgery token, redirects left visible.</summary>
public sealed partial class Browser : IDisposable
{
    private static readonly Uri Origin = new("http://localhost/");

    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _client;

    public Browser(TestServer server)
    {
        _client = new HttpClient(new CookieJar(_cookies) { InnerHandler = server.CreateHandler() }) { BaseAddress = Origin };
    }

    /// <summary>The cookies this browser would send, as someone copying them from its storage would see them.</summary>
    public string CookieHeader() => _cookies.GetCookieHeader(Origin);

    /// <summary>Puts cookies copied from another browser (<see cref="CookieHeader"/>) into this one's jar.</summary>
    public void PasteCookies(string cookieHeader) => _cookies.SetCookies(Origin, cookieHeader.Replace("; ", ",", StringComparison.Ordinal));

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    /// <summary>GETs a page that must answer 200 and returns its HTML.</summary>
    public async Task<string> OpenAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}\n{html}");
        return html;
    }

    /// <summary>Posts a form as the page in <paramref name="html"/> would, with that page's antiforgery token.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string html, string action, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", AntiforgeryToken(html)));
        return _client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    /// <summary>Posts <paramref name="content"/> as it is (e.g. a multipart upload built by the test), with the cookies.</summary>
    public Task<HttpResponseMessage> PostAsync(string action, HttpContent content) =>
        _client.PostAsync(new Uri(action, UriKind.Relative), content, TestContext.Current.CancellationToken);

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token:\n" + html);

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Sends the jar's cookies for <c>http://localhost/</c> and keeps what the server sets (also for <see cref="PublicReporting.PublicVisitor"/>).</summary>
    internal sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(Origin, request.RequestUri);
            if (cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(uri, setCookie);
                }
            }

            return response;
        }
    }
}
