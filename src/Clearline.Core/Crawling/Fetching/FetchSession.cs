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
/// that hop's vetted address. The cost, no connection reuse, is small next to politeness delays.
/// </remarks>
internal sealed class FetchSession : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly string _userAgent;
    private readonly bool _proxied;
    private IPAddress[] _vetted = [];

    public FetchSession(CrawlerOptions options)
    {
        _userAgent = options.UserAgent;
        _proxied = options.Proxy is not null;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PreAuthenticate = false,
            Credentials = null,
            ConnectTimeout = options.ConnectTimeout,
            ConnectCallback = ConnectAsync,
            // The proxy (an anonymising gateway) is chosen by the operator, so it is dialled without vetting; the
            // target is still vetted locally. Trade-off: the proxy resolves the name again, so through a proxy a
            // rebinding name is caught only when it rebinds before our own lookup. The proxy's network is not
            // ours, though, so what it can reach is the gateway's concern. Without a proxy, environment proxy
            // variables are ignored: they would bypass the pinning.
            UseProxy = _proxied,
            Proxy = options.Proxy is null ? null : new WebProxy(options.Proxy) { BypassProxyOnLocal = false },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            Certificate = certificate is null ? null : TlsCertificateSummary.From(certificate, chain, errors);
            return errors == System.Net.Security.SslPolicyErrors.None || options.AcceptInvalidCertificates;
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The address the current hop's connection was opened to; null through a proxy.</summary>
    public IPAddress? ConnectedAddress { get; private set; }

    /// <summary>The certificate presented on the current hop's connection; null over plain http.</summary>
    public TlsCertificateSummary? Certificate { get; private set; }

    /// <summary>Sends one GET for <paramref name="url"/>, connecting only to <paramref name="vetted"/> addresses, with <paramref name="authorization"/> when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(Uri url, IPAddress[] vetted, AuthenticationHeaderValue? authorization, CancellationToken ct)
    {
        _vetted = vetted;
        ConnectedAddress = null;
        Certificate = null;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        request.Headers.ConnectionClose = true;
        request.Headers.Authorization = authorization;
        return await _invoker.SendAsync(request, ct);
    }

    public void Dispose() => _invoker.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        if (_proxied)
        {
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
                return stream;
            }
            catch (SocketException e)
            {
                last = e;
            }
        }

        throw last!;
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
