using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Clearline.Crawling.Fetching;

/// <summary>
/// The HTTP connection state of one fetch: its own <see cref="SocketsHttpHandler"/>, whose connect callback dials
/// only the addresses the guard vetted for the current hop, and which records the address actually connected to
/// and the server certificate.
/// </summary>
/// <remarks>
/// A handler per fetch (instead of one shared pool) means a connection, its address and its certificate belong to
/// exactly one fetch: the evidence cannot be mixed up with a concurrent fetch's, a connection opened for one
/// report never serves another, and no state (cookies are off anyway) carries over between reports. Each hop also
/// asks for <c>Connection: close</c>, so every response was received on a connection opened for that hop, to
/// that hop's vetted address. Within one crawl, <see cref="FetchConnections"/> keeps sessions open between fetches
/// (one connection each, one fetch at a time, one origin), which keeps those guarantees: the connection's address and
/// certificate are still the ones recorded, and the run's connections serve that run alone.
/// </remarks>
internal sealed class FetchSession : IDisposable
{
    private readonly CrawlerOptions _options;
    private readonly bool _keepAlive;
    private readonly Action? _onConnected;
    private readonly string _userAgent;
    private readonly bool _proxied;
    private HttpMessageInvoker _invoker;
    private IPAddress[] _vetted = [];
    private string? _origin;

    /// <param name="options">The crawler's connection settings.</param>
    /// <param name="keepAlive">Whether the connection stays open for the next fetch (see <see cref="FetchConnections"/>);
    /// otherwise every hop asks for <c>Connection: close</c>.</param>
    /// <param name="onConnected">Called for every connection opened, for counting.</param>
    public FetchSession(CrawlerOptions options, bool keepAlive = false, Action? onConnected = null)
    {
        _options = options;
        _keepAlive = keepAlive;
        _onConnected = onConnected;
        _userAgent = options.UserAgent;
        _proxied = options.Proxy is not null;
        _invoker = CreateInvoker();
    }

    /// <summary>The address the current hop's connection was opened to; null through a proxy.</summary>
    public IPAddress? ConnectedAddress { get; private set; }

    /// <summary>The certificate presented on the current hop's connection; null over plain http.</summary>
    public TlsCertificateSummary? Certificate { get; private set; }

    /// <summary>Sends one GET for <paramref name="url"/>, connecting only to <paramref name="vetted"/> addresses, with <paramref name="authorization"/> when given.</summary>
    /// <remarks>
    /// A kept-alive session holds at most one connection (<c>MaxConnectionsPerServer</c> 1, one fetch at a time), so
    /// the address and certificate recorded when it was opened are those of the connection that answers. It starts
    /// afresh, with no connection, when the URL is on another origin or its open connection's address is not among
    /// <paramref name="vetted"/> (the name now resolves elsewhere, or is refused): a response then always comes from an
    /// address vetted for this hop.
    /// </remarks>
    public async Task<HttpResponseMessage> SendAsync(Uri url, IPAddress[] vetted, AuthenticationHeaderValue? authorization, CancellationToken ct)
    {
        var origin = FetchConnections.Origin(url);
        if (!_keepAlive || _origin != origin || (ConnectedAddress is { } open && !vetted.Contains(open)))
        {
            if (_keepAlive && _origin is not null)
            {
                _invoker.Dispose();
                _invoker = CreateInvoker();
            }

            ConnectedAddress = null;
            Certificate = null;
        }

        _origin = origin;
        _vetted = vetted;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        request.Headers.ConnectionClose = !_keepAlive;
        request.Headers.Authorization = authorization;
        return await _invoker.SendAsync(request, ct);
    }

    public void Dispose() => _invoker.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        if (_proxied)
        {
            _onConnected?.Invoke();
            return await DialAsync(context.DnsEndPoint, ct);
        }

        if (_vetted.Length == 0)
        {
            throw new InvalidOperationException("A connection was requested without vetted addresses.");
        }

        SocketException? last = null;
        foreach (var address in _vetted)
        {
            try
            {
                var stream = await DialAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                ConnectedAddress = address;
                _onConnected?.Invoke();
                return stream;
            }
            catch (SocketException e)
            {
                last = e;
            }
        }

        throw last!;
    }

    private HttpMessageInvoker CreateInvoker()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PreAuthenticate = false,
            Credentials = null,
            ConnectTimeout = _options.ConnectTimeout,
            ConnectCallback = ConnectAsync,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // The proxy (an anonymising gateway) is chosen by the operator, so it is dialled without vetting; the
            // target is still vetted locally. Trade-off: the proxy resolves the name again, so through a proxy a
            // rebinding name is caught only when it rebinds before our own lookup. The proxy's network is not
            // ours, though, so what it can reach is the gateway's concern. Without a proxy, environment proxy
            // variables are ignored: they would bypass the pinning.
            UseProxy = _proxied,
            Proxy = _options.Proxy is null ? null : new WebProxy(_options.Proxy) { BypassProxyOnLocal = false },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            Certificate = certificate is null ? null : TlsCertificateSummary.From(certificate, chain, errors);
            return errors == System.Net.Security.SslPolicyErrors.None || _options.AcceptInvalidCertificates;
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static async Task<Stream> DialAsync(EndPoint endPoint, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
