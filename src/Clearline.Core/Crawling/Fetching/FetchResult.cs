using System.Net;

namespace Clearline.Crawling.Fetching;

/// <summary>One redirect followed: <paramref name="From"/> answered <paramref name="StatusCode"/> pointing at <paramref name="To"/>.</summary>
public sealed record FetchRedirect(Uri From, int StatusCode, Uri To);

/// <summary>
/// The evidence of one fetch: where it went, what answered, from which address and certificate, when, and the body.
/// A failed fetch keeps whatever evidence was gathered before the failure (redirects, status, headers...).
/// </summary>
/// <param name="RequestedUrl">The URL asked for.</param>
/// <param name="FinalUrl">The URL of the last request made (after redirects).</param>
/// <param name="Redirects">Every redirect followed, in order.</param>
/// <param name="StatusCode">The status of the last response; null when no response came.</param>
/// <param name="Headers">The last response's headers and content headers, multiple values joined by ", ".</param>
/// <param name="ContentType">The last response's Content-Type media type.</param>
/// <param name="ServerAddress">The address actually connected to for the last response; null through a proxy (the proxy connects).</param>
/// <param name="Certificate">The server certificate of the last response over https.</param>
/// <param name="StartedAt">When the fetch started.</param>
/// <param name="CompletedAt">When the fetch ended.</param>
/// <param name="Body">The decompressed body of a completed fetch; empty on error.</param>
/// <param name="Error">Why the fetch did not complete; null when it did.</param>
public sealed record FetchResult(
    Uri RequestedUrl,
    Uri FinalUrl,
    IReadOnlyList<FetchRedirect> Redirects,
    int? StatusCode,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    IPAddress? ServerAddress,
    TlsCertificateSummary? Certificate,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    ReadOnlyMemory<byte> Body,
    FetchError? Error)
{
    /// <summary>True when the fetch completed with a 2xx status.</summary>
    public bool Succeeded => Error is null && StatusCode is >= 200 and < 300;
}
