using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Crawling.Fetching;

/// <summary>
/// Fetches one URL for the crawler, following redirects itself so that every hop passes the SSRF guard, within
/// the time, size, redirect and concurrency limits of <see cref="CrawlerOptions"/>, and returns the evidence.
/// A singleton: it owns the process-wide concurrency limits.
/// </summary>
public sealed class Fetcher : IDisposable
{
    private readonly CrawlerOptions _options;
    private readonly AddressGuard _guard;
    private readonly HostThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly ILogger<Fetcher> _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private int _disposed;

    public Fetcher(IOptions<CrawlerOptions> options, IHostResolver resolver, TimeProvider time, ILogger<Fetcher> logger)
    {
        _options = options.Value;
        _guard = new AddressGuard(_options.ParsedAllowedNetworks(), resolver);
        _throttle = new HostThrottle(_options, time);
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Fetches <paramref name="url"/> with GET. Never throws for network or HTTP problems: they come back in
    /// <see cref="FetchResult.Error"/>; throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="ct"/> is cancelled.
    /// </summary>
    public Task<FetchResult> FetchAsync(Uri url, FetchPurpose purpose, CancellationToken ct) => FetchAsync(url, purpose, null, ct);

    /// <summary>
    /// Fetches <paramref name="url"/> with GET, sending <paramref name="credentials"/> on each hop that is on their
    /// origin (see <see cref="OriginCredentials"/>). Errors as in <see cref="FetchAsync(Uri, FetchPurpose, CancellationToken)"/>.
    /// </summary>
    public Task<FetchResult> FetchAsync(Uri url, FetchPurpose purpose, OriginCredentials? credentials, CancellationToken ct) =>
        FetchAsync(url, purpose, credentials, null, ct);

    /// <summary>
    /// Fetches <paramref name="url"/> as above, on a connection kept in <paramref name="connections"/> when one to the
    /// URL's origin is free (a new one otherwise), and keeps the connection there after a clean fetch without redirects.
    /// </summary>
    public async Task<FetchResult> FetchAsync(Uri url, FetchPurpose purpose, OriginCredentials? credentials, FetchConnections? connections, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var session = connections?.Take(url, _options) ?? new FetchSession(_options);
        FetchResult? kept = null;
        try
        {
            var result = await FetchOnAsync(url, purpose, credentials, session, ct);
            kept = connections is not null && result.Error is null && result.Redirects.Count == 0 ? result : null;
            return result;
        }
        finally
        {
            if (kept is not null)
            {
                connections!.Return(url, session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    private async Task<FetchResult> FetchOnAsync(Uri url, FetchPurpose purpose, OriginCredentials? credentials, FetchSession session, CancellationToken ct)
    {
        var trail = new FetchTrail(url, _time.GetUtcNow(), _time);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
        using var deadlines = new FetchDeadlines(_options.TotalTimeout, _time, stopping.Token);
        try
        {
            var result = await FollowAsync(trail, session, deadlines, Limit(purpose), credentials);
            _logger.LogDebug("Fetch ended: status {Status}, {Redirects} redirects, error {Error}",
                result.StatusCode, result.Redirects.Count, result.Error?.Kind);
            return result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            trail.Presented(session.Certificate);
            return deadlines.TotalExpired ? trail.Failed(FetchErrorKind.Timeout, $"The fetch took longer than {_options.TotalTimeout}.")
                : deadlines.ReadExpired ? trail.Failed(FetchErrorKind.Timeout, $"No data arrived within {_options.ReadTimeout}.")
                : _shutdown.IsCancellationRequested ? trail.Failed(FetchErrorKind.Cancelled, "The fetcher was shut down.")
                : trail.Failed(FetchErrorKind.Timeout, $"No connection within {_options.ConnectTimeout}.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            trail.Presented(session.Certificate);
            return trail.Failed(Classify(e));
        }
    }

    /// <summary>Ends fetches in flight (they return <see cref="FetchErrorKind.Cancelled"/>) and releases the limits.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _shutdown.Cancel();
        _shutdown.Dispose();
        _throttle.Dispose();
    }

    private async Task<FetchResult> FollowAsync(FetchTrail trail, FetchSession session, FetchDeadlines deadlines, long limit, OriginCredentials? credentials)
    {
        while (true)
        {
            if (AddressGuard.CheckUrl(trail.Current) is { } invalid)
            {
                return trail.Failed(invalid);
            }

            using var slot = await _throttle.EnterAsync(trail.Current.IdnHost, deadlines.Token);
            deadlines.StartTotal();
            var decision = await _guard.VetAsync(trail.Current, deadlines.Token);
            if (decision.Error is not null)
            {
                return trail.Failed(decision.Error);
            }

            var headerWait = deadlines.Arm(_options.ConnectTimeout + _options.ReadTimeout);
            // Decided per hop, so a redirect to another origin goes without the reporter's credentials.
            using var response = await session.SendAsync(trail.Current, decision.Addresses, credentials?.HeaderFor(trail.Current), headerWait);
            deadlines.Disarm();
            trail.Answered(response, session.ConnectedAddress, session.Certificate);

            if (!IsRedirect(response.StatusCode))
            {
                var body = await BodyReader.ReadAsync(response.Content, limit, _options.MaxDecompressionRatio, deadlines, _options.ReadTimeout);
                return body.Error is null ? trail.Completed(body.Body) : trail.Failed(body.Error);
            }

            if (response.Headers.Location is not { } location || !Uri.TryCreate(trail.Current, location, out var target))
            {
                return trail.Failed(FetchErrorKind.Protocol, "A redirect came without a usable Location header.");
            }

            if (trail.RedirectCount >= _options.MaxRedirects)
            {
                return trail.Failed(FetchErrorKind.TooManyRedirects, $"More than {_options.MaxRedirects} redirects.");
            }

            if (!trail.Redirected((int)response.StatusCode, WithoutFragment(target)))
            {
                return trail.Failed(FetchErrorKind.RedirectLoop, "A redirect led back to a URL already visited.");
            }
        }
    }

    private long Limit(FetchPurpose purpose) => Math.Min(Array.MaxLength, purpose switch
    {
        FetchPurpose.Page => _options.MaxPageBytes,
        FetchPurpose.Media => _options.MaxMediaBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    });

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Uri WithoutFragment(Uri url) =>
        url.Fragment.Length == 0 ? url : new UriBuilder(url) { Fragment = string.Empty }.Uri;

    private static FetchError Classify(Exception e) => (e as HttpRequestException)?.HttpRequestError switch
    {
        HttpRequestError.SecureConnectionError => new(FetchErrorKind.TlsFailure, "The TLS handshake failed."),
        HttpRequestError.ConnectionError or HttpRequestError.ProxyTunnelError =>
            new(FetchErrorKind.ConnectionFailed, $"No connection could be opened ({Cause(e)})."),
        HttpRequestError.NameResolutionError => new(FetchErrorKind.DnsFailure, "The proxy's host name did not resolve."),
        HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded or HttpRequestError.ConfigurationLimitExceeded =>
            new(FetchErrorKind.Protocol, $"The server's response was not valid HTTP ({Cause(e)})."),
        _ => e is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse }
            ? new(FetchErrorKind.Protocol, "The response ended early or was not valid HTTP.")
            : new(FetchErrorKind.ConnectionFailed, $"The connection failed ({Cause(e)})."),
    };

    private static string Cause(Exception e) => e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.GetType().Name;
}
