namespace Clearline.Crawling.Fetching;

/// <summary>Why a fetch did not complete. An HTTP error status (404, 500...) is not one: it is a completed fetch.</summary>
public enum FetchErrorKind
{
    /// <summary>Not an absolute URL with a host.</summary>
    InvalidUrl,

    /// <summary>Refused by the SSRF guard (special-purpose address) or because the scheme is not http(s).</summary>
    Refused,

    /// <summary>The host name did not resolve.</summary>
    DnsFailure,

    /// <summary>No TCP connection could be opened, or it broke.</summary>
    ConnectionFailed,

    /// <summary>The TLS handshake failed (or the certificate was rejected because invalid ones are not accepted).</summary>
    TlsFailure,

    /// <summary>A connect, read or total time limit passed.</summary>
    Timeout,

    /// <summary>The body is larger than the limit of the fetch's purpose.</summary>
    TooLarge,

    /// <summary>The compressed body expands more than <see cref="CrawlerOptions.MaxDecompressionRatio"/> allows.</summary>
    DecompressionBomb,

    /// <summary>More than <see cref="CrawlerOptions.MaxRedirects"/> redirects.</summary>
    TooManyRedirects,

    /// <summary>A redirect led back to a URL already visited in this fetch.</summary>
    RedirectLoop,

    /// <summary>The server broke HTTP (malformed response, redirect without a usable Location, corrupt compression).</summary>
    Protocol,

    /// <summary>The fetcher was shut down while the fetch ran.</summary>
    Cancelled,
}

/// <summary>An expected fetch failure, with a message that names no URL (URLs may be sensitive).</summary>
public sealed record FetchError(FetchErrorKind Kind, string Message);
