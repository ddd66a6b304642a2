using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clearline.Tests.Crawling.TestSites;

/// <summary>
/// A stand-in forward proxy on a real socket (127.0.0.1, ephemeral port): it records each request line (absolute
/// form, e.g. <c>GET http://host/path HTTP/1.1</c>) and answers every request with the same small page. Enough to
/// show that the crawler sends its requests through the configured proxy, and which ones.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<string> _requestLines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly byte[] _response;

    public RecordingProxy(string body = "via proxy")
    {
        _response = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The proxy's URL, for <c>Crawler:Proxy</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The request lines received, in order.</summary>
    public IReadOnlyCollection<string> RequestLines => _requestLines;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                try
                {
                    await AnswerAsync(client.GetStream());
                }
                catch (IOException)
                {
                    // The client went away; serve the next one.
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped (InvalidOperationException: stopped between two accepts).
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        _requestLines.Enqueue(head.ToString()[..head.ToString().IndexOf("\r\n", StringComparison.Ordinal)]);
        await stream.WriteAsync(_response, _stop.Token);
    }
}
