using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace Clearline.Exchange.Ncmec;

/// <summary>An NCMEC call that got no usable answer; its message says why in words and is shown on the source.</summary>
internal sealed class NcmecFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>HTTP basic credentials for NCMEC. <see cref="ToString"/> never shows the password.</summary>
public sealed record NcmecCredentials(string Username, string Password)
{
    public override string ToString() => $"NcmecCredentials {{ Username = {Username} }}";
}

/// <summary>
/// The calls of NCMEC's Hash Sharing API v2 that Clearline makes: a page of <c>/v2/entries</c>, the negative-feedback
/// reasons of a fingerprint type (<c>/v2/feedback/{TYPE}/reasons</c>) and a feedback submission
/// (<c>PUT /v2/entries/{member}/{id}/{TYPE}/feedback</c>). Every answer is bounded in time and size, and every
/// transport failure becomes an <see cref="NcmecFailure"/>.
/// </summary>
/// <remarks>The credentials go only to the configured base URL: a <c>paging/next</c> is a path joined to it, never followed elsewhere.</remarks>
public sealed class NcmecClient(IHttpClientFactory clients, IOptions<NcmecOptions> options)
{
    public const string ClientName = "Ncmec";

    public const string Namespace = "https://hashsharing.ncmec.org/hashsharing/v2";

    public async Task<NcmecEntriesPage> GetEntriesAsync(
        Uri baseUrl, NcmecCredentials credentials, DateTimeOffset from, DateTimeOffset to, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var url = next is null
            ? Join(baseUrl, $"/v2/entries?from={Uri.EscapeDataString(Format(from))}&to={Uri.EscapeDataString(Format(to))}")
            : PageUrl(baseUrl, next);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request, credentials, NcmecEntriesPage.ReadAsync, ct);
    }

    /// <summary>The negative-feedback reasons NCMEC offers for a fingerprint type (<c>MD5</c>, <c>SHA1</c>, <c>PDNA</c>, <c>PDQ</c>): GUID and name.</summary>
    public async Task<IReadOnlyList<(string Guid, string Name)>> FeedbackReasonsAsync(
        Uri baseUrl, NcmecCredentials credentials, string fingerprintType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Join(baseUrl, $"/v2/feedback/{Uri.EscapeDataString(fingerprintType)}/reasons"));
        return await SendAsync(request, credentials, async (stream, token) =>
        {
            var root = (await LoadAsync(stream, token)).Root!;
            return (IReadOnlyList<(string, string)>)[.. root.Descendants().Where(e => e.Name.LocalName == "reason")
                .Select(e => (e.Attribute("guid")?.Value ?? "", e.Attribute("name")?.Value ?? ""))
                .Where(r => r.Item1.Length > 0)];
        }, ct);
    }

    /// <summary>Tells NCMEC that one fingerprint of an entry matched something it is not (negative feedback with a reason).</summary>
    public async Task SubmitNegativeFeedbackAsync(
        Uri baseUrl, NcmecCredentials credentials, string memberId, string entryId, string fingerprintType, string reasonGuid, CancellationToken ct)
    {
        XNamespace ns = Namespace;
        var body = new XDocument(new XElement(ns + "feedbackSubmission",
            new XElement(ns + "negative", new XElement(ns + "reasonIds", new XElement(ns + "guid", reasonGuid)))));
        var path = $"/v2/entries/{Uri.EscapeDataString(memberId)}/{Uri.EscapeDataString(entryId)}/{Uri.EscapeDataString(fingerprintType)}/feedback";
        using var request = new HttpRequestMessage(HttpMethod.Put, Join(baseUrl, path))
        {
            Content = new StringContent(body.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/xml"),
        };
        await SendAsync(request, credentials, (_, _) => Task.FromResult(true), ct);
    }

    /// <summary>NCMEC's timestamp form, <c>2017-10-24T15:00:00Z</c>.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A <c>paging/next</c> joined to the base URL; anything but a path on it is refused.</summary>
    public static Uri PageUrl(Uri baseUrl, string next)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(next);
        if (!next.StartsWith('/') || next.StartsWith("//", StringComparison.Ordinal) || next.Contains('\\', StringComparison.Ordinal))
        {
            throw new NcmecFailure("NCMEC's paging/next is not a path under the base URL; it was not followed.");
        }

        var url = Join(baseUrl, next);
        if (!string.Equals(url.GetLeftPart(UriPartial.Authority), baseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new NcmecFailure("NCMEC's paging/next leads to another server; it was not followed.");
        }

        return url;
    }

    private static Uri Join(Uri baseUrl, string pathAndQuery) => new(baseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    private static async Task<XDocument> LoadAsync(Stream stream, CancellationToken ct)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, Async = true });
            return await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (System.Xml.XmlException ex)
        {
            throw new NcmecFailure($"NCMEC's answer is not complete XML (cut off or malformed at line {ex.LineNumber}).", ex);
        }
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, NcmecCredentials credentials, Func<Stream, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var settings = options.Value;
        var host = request.RequestUri!.Host;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new NcmecFailure($"{host} refused the credentials (HTTP {(int)response.StatusCode}); check the user name, password and environment.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new NcmecFailure($"{host} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > settings.MaxResponseBytes)
            {
                throw TooLarge(host, settings);
            }

            using var body = new MemoryStream();
            await using (var stream = await response.Content.ReadAsStreamAsync(timeout.Token))
            {
                var buffer = new byte[64 * 1024];
                int count;
                while ((count = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    if (body.Length + count > settings.MaxResponseBytes)
                    {
                        throw TooLarge(host, settings);
                    }

                    body.Write(buffer, 0, count);
                }
            }

            body.Position = 0;
            return await read(body, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new NcmecFailure(string.Create(CultureInfo.InvariantCulture,
                $"{host} did not answer within {settings.RequestTimeout.TotalSeconds:0} seconds (Ncmec:RequestTimeout)."), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new NcmecFailure($"{host} could not be reached, or its answer was cut off: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new NcmecFailure($"{host}'s answer was cut off: {ex.Message}", ex);
        }
    }

    private static NcmecFailure TooLarge(string host, NcmecOptions settings) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{host} answered with more than {settings.MaxResponseBytes} bytes, the most read (Ncmec:MaxResponseBytes)."));
}
