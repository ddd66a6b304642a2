using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Clearline.AbuseContacts;

/// <summary>A lookup that got no usable answer; its message says why in words and is shown on the route.</summary>
internal sealed class RdapFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An answer read in full: its status and at most <see cref="RdapOptions.MaxResponseBytes"/> of body.</summary>
public sealed record RdapAnswer(HttpStatusCode Status, byte[] Body);

/// <summary>
/// GETs for RDAP servers and the bootstrap files: the configured timeout, a bounded body, and every transport
/// failure turned into an <see cref="RdapFailure"/> whose message says what happened.
/// </summary>
public sealed class RdapHttp(IHttpClientFactory clients, IOptions<RdapOptions> options)
{
    public const string ClientName = "Rdap";

    public async Task<RdapAnswer> GetAsync(Uri url, CancellationToken ct)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.RequestTimeout);
        var client = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/rdap+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.Content.Headers.ContentLength > settings.MaxResponseBytes)
            {
                throw new RdapFailure($"{url.Host} answered with more than {settings.MaxResponseBytes} bytes, the most read (Rdap:MaxResponseBytes).");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var body = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (body.Length + read > settings.MaxResponseBytes)
                {
                    throw new RdapFailure($"{url.Host} answered with more than {settings.MaxResponseBytes} bytes, the most read (Rdap:MaxResponseBytes).");
                }

                body.Write(buffer, 0, read);
            }

            return new RdapAnswer(response.StatusCode, body.ToArray());
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new RdapFailure($"{url.Host} did not answer within {settings.RequestTimeout.TotalSeconds:0} seconds (Rdap:RequestTimeout).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RdapFailure($"{url.Host} could not be reached: {ex.Message}", ex);
        }
    }
}
