using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Clearline.Exchange.Federation;

/// <summary>A page of a followed feed that could not be fetched or was refused; the message says why in words.</summary>
public sealed class FeedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// GETs one page of a followed feed with the subscriber's API key: the configured timeout, a bounded body, and
/// every transport failure or refusal turned into a <see cref="FeedException"/> whose message says what happened.
/// </summary>
/// <remarks>The API key goes in the Authorization header only; no message names it.</remarks>
public sealed class FeedClient(IHttpClientFactory clients, IOptions<FederationOptions> options)
{
    public const string ClientName = "Federation";

    public async Task<byte[]> GetPageAsync(Uri feedUrl, FeedCursor cursor, string apiKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var settings = options.Value;
        var url = PageUrl(feedUrl, cursor);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new FeedException(string.Create(CultureInfo.InvariantCulture,
                    $"{feedUrl.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}{Hint((int)response.StatusCode)}."));
            }

            if (response.Content.Headers.ContentLength > settings.MaxPageBytes)
            {
                throw TooLarge(feedUrl, settings.MaxPageBytes);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var body = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (body.Length + read > settings.MaxPageBytes)
                {
                    throw TooLarge(feedUrl, settings.MaxPageBytes);
                }

                body.Write(buffer, 0, read);
            }

            return body.ToArray();
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new FeedException(string.Create(CultureInfo.InvariantCulture,
                $"{feedUrl.Host} did not answer within {settings.RequestTimeout.TotalSeconds:0} seconds (Federation:RequestTimeout)."), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FeedException($"{feedUrl.Host} could not be reached or broke off its answer: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new FeedException($"{feedUrl.Host} broke off its answer: {ex.Message}", ex);
        }
    }

    /// <summary>The feed URL with <c>cursor</c> set (other query parameters kept).</summary>
    public static Uri PageUrl(Uri feedUrl, FeedCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var builder = new UriBuilder(feedUrl);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? "" : query + "&") + "cursor=" + Uri.EscapeDataString(cursor.ToString());
        return builder.Uri;
    }

    private static string Hint(int status) => status switch
    {
        401 => ": the API key was not accepted (revoked or mistyped?)",
        403 => ": the API key lacks the federation:feed scope",
        404 => ": is the feed URL right?",
        _ => "",
    };

    private static FeedException TooLarge(Uri feedUrl, long max) => new(string.Create(CultureInfo.InvariantCulture,
        $"{feedUrl.Host} answered with more than {max} bytes, the most read (Federation:MaxPageBytes)."));
}
