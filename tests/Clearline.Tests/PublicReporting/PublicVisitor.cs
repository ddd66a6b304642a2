using System.Net;
using System.Text.RegularExpressions;
using Clearline.Tests.Account;
using Microsoft.AspNetCore.TestHost;

namespace Clearline.Tests.PublicReporting;

/// <summary>A member of the public's browser: a cookie jar, a language preference, forms sent with their antiforgery token.</summary>
internal sealed partial class PublicVisitor : IDisposable
{
    private static readonly Uri Origin = new("http://localhost/");

    private readonly HttpClient _client;

    /// <param name="server">The app's test server.</param>
    /// <param name="acceptLanguage">The browser's <c>Accept-Language</c>, or null to send none.</param>
    /// <param name="forwardedFor">
    /// The visitor's own address, or null: then every request comes from the trusted proxy on loopback with this address
    /// in <c>X-Forwarded-For</c>, as behind a reverse proxy (the app must trust <c>127.0.0.1</c>).
    /// </param>
    public PublicVisitor(TestServer server, string? acceptLanguage = null, string? forwardedFor = null)
    {
        var handler = forwardedFor is null ? server.CreateHandler() : server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Loopback);
        _client = new HttpClient(new Browser.CookieJar(new CookieContainer()) { InnerHandler = handler }) { BaseAddress = Origin };
        if (acceptLanguage is not null)
        {
            _client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        if (forwardedFor is not null)
        {
            _client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    /// <summary>GETs a page that must answer <paramref name="expected"/> and returns its HTML.</summary>
    public async Task<string> OpenAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}\n{html}");
        return html;
    }

    /// <summary>Sends the form on <paramref name="html"/> (the page at <paramref name="path"/>) with <paramref name="fields"/>, as a browser would.</summary>
    public Task<HttpResponseMessage> SendAsync(string html, string path, params (string Name, string Value)[] fields) =>
        PostAsync(path, FormFields(html, fields));

    /// <summary>
    /// What a browser sends for the form on <paramref name="html"/> with <paramref name="fields"/>: those, the antiforgery
    /// token and the guard's challenge solved; a test may change them before <see cref="PostAsync"/>.
    /// </summary>
    public static List<KeyValuePair<string, string>> FormFields(string html, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", Browser.AntiforgeryToken(html)));
        values.AddRange(PublicFormGuardApp.SolvedGuardFields(html));
        return values;
    }

    /// <summary>Posts <paramref name="values"/> to <paramref name="path"/> with this browser's cookies.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> values) =>
        _client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);

    /// <summary>The value of the input with <paramref name="id"/>, HTML-decoded; null when it has none.</summary>
    public static string? InputValue(string html, string id) =>
        InputPattern().Matches(html).Select(m => m.Value).FirstOrDefault(tag => tag.Contains($"id=\"{id}\"", StringComparison.Ordinal)) is { } input
        && ValuePattern().Match(input) is { Success: true } value ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;

    /// <summary>The text of the element carrying <paramref name="attribute"/>, e.g. <c>data-status="handled"</c>.</summary>
    public static string TextOf(string html, string attribute)
    {
        var start = html.IndexOf(attribute, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No element with {attribute}:\n{html}");
        var open = html.IndexOf('>', start) + 1;
        return WebUtility.HtmlDecode(html[open..html.IndexOf('<', open)]).Trim();
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<input [^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();
}
