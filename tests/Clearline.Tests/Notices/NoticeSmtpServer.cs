using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Clearline.Tests.LawEnforcement.Notifications;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Clearline.Tests.Notices;

/// <summary>
/// A real SMTP server (SmtpServer, in process) on 127.0.0.1 that keeps what it receives and refuses, at RCPT TO with
/// 550, every recipient whose local part is <c>refused</c>: a host's mail server that does not know the address.
/// </summary>
internal sealed class NoticeSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private NoticeSmtpServer(int port)
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
    public static NoticeSmtpServer Start(int? port = null) => new(port ?? TestSmtpServer.FreePort());

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
