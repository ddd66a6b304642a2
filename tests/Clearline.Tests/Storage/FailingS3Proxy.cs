using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Clearline.Tests.Storage;

/// <summary>
/// A loopback HTTP/1.1 proxy in front of the S3 server that, while <see cref="CutPartUploads"/> is set, cuts the
/// connection halfway through the body of every part upload (<c>PUT …?partNumber=…</c>): a server that fails
/// mid-upload. Every request line that passes is kept in <see cref="Requests"/>.
/// </summary>
public sealed class FailingS3Proxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FailingS3Proxy(string target)
    {
        _target = new Uri(target);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private volatile bool _cutPartUploads;

    public bool CutPartUploads
    {
        get => _cutPartUploads;
        set => _cutPartUploads = value;
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                var down = client.GetStream();
                var up = upstream.GetStream();
                var responses = up.CopyToAsync(down, _stop.Token);
                await ForwardRequestsAsync(down, up);
                await responses;
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A cut, or the other side closed: the connection ends.
            }
        }
    }

    /// <summary>Forwards requests one at a time: headers, then exactly Content-Length bytes of body.</summary>
    private async Task ForwardRequestsAsync(NetworkStream client, NetworkStream server)
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        while (true)
        {
            var headerEnd = IndexOfHeaderEnd(pending);
            while (headerEnd < 0)
            {
                var n = await client.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                pending.Write(buffer, 0, n);
                headerEnd = IndexOfHeaderEnd(pending);
            }

            var data = pending.ToArray();
            var headers = Encoding.ASCII.GetString(data, 0, headerEnd);
            var requestLine = headers[..headers.IndexOf('\r', StringComparison.Ordinal)];
            Requests.Enqueue(requestLine);
            var length = ContentLength(headers);
            var cut = CutPartUploads && requestLine.StartsWith("PUT ", StringComparison.Ordinal) && requestLine.Contains("partNumber=", StringComparison.Ordinal);
            var bodyLimit = cut ? length / 2 : length;

            await server.WriteAsync(data.AsMemory(0, headerEnd), _stop.Token);
            var rest = data.AsMemory(headerEnd);
            var fromBuffer = (int)Math.Min(rest.Length, bodyLimit);
            await server.WriteAsync(rest[..fromBuffer], _stop.Token);
            var remaining = bodyLimit - fromBuffer;
            while (remaining > 0)
            {
                var n = await client.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), _stop.Token);
                if (n == 0)
                {
                    return;
                }

                await server.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                remaining -= n;
            }

            if (cut)
            {
                client.Socket.Close(0);
                server.Socket.Close(0);
                return;
            }

            pending = new MemoryStream();
            pending.Write(rest.Span[fromBuffer..]);
        }
    }

    private static int IndexOfHeaderEnd(MemoryStream pending)
    {
        var index = pending.GetBuffer().AsSpan(0, (int)pending.Length).IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : index + 4;
    }

    private static long ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line.AsSpan("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
