using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Clearline.Tests.LawEnforcement.Notifications;

/// <summary>A message the test server received: the envelope's recipients and the raw message.</summary>
internal sealed record ReceivedMail(IReadOnlyList<string> Recipients, string Raw);

/// <summary>
/// A real SMTP server (SmtpServer, in process) on 127.0.0.1 that keeps what it receives and refuses, at RCPT TO with
/// 550, every recipient whose local part is <c>refused</c>: a host's mail server that does not know the address.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Received));
        services.Add(new RefusingFilter());
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    /// <summary>Starts on <paramref name="port"/> (a port the test chose earlier, when nothing listened there), or a free one.</summary>
    public static TestSmtpServer Start(int? port = null) => new(port ?? FreePort());

    /// <summary>Waits until <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} messages did not arrive in time; {Received.Count} did.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return [.. Received];
    }

    /// <summary>A port nothing listens on (taken from the system, then released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Settings that send through a server on <paramref name="port"/> without TLS.</summary>
    public static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:From"] = "clearline@test.invalid",
        ["Mail:Smtp:Security"] = "None",
        ["Mail:PortalUrl"] = "https://clearline.test.invalid",
        ["Workers:PollInterval"] = "00:00:00.050",
        ["Workers:RetryBaseDelay"] = "00:00:00.010",
        ["Workers:MaxRetryDelay"] = "00:00:00.100",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class RefusingFilter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!string.Equals(to.User, "refused", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Store(ConcurrentQueue<ReceivedMail> received) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            received.Enqueue(new ReceivedMail(recipients, System.Text.Encoding.UTF8.GetString(buffer.ToArray())));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
