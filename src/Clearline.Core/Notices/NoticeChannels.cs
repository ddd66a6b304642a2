using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Serialization;
using Clearline.Crawling;
using Clearline.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Utils;

namespace Clearline.Notices;

/// <summary>What one delivery attempt came to: <see cref="NoticeDeliveryState.Sent"/>, <see cref="NoticeDeliveryState.Retrying"/> (a passing failure) or <see cref="NoticeDeliveryState.Failed"/> (for good).</summary>
public sealed record DeliveryOutcome(NoticeDeliveryState State, string? MessageId, string? Error)
{
    public static DeliveryOutcome Sent(string? messageId) => new(NoticeDeliveryState.Sent, messageId, null);

    public static DeliveryOutcome Passing(string error) => new(NoticeDeliveryState.Retrying, null, error);

    public static DeliveryOutcome Permanent(string error) => new(NoticeDeliveryState.Failed, null, error);
}

/// <summary>
/// Sends a notice as an e-mail through the configured SMTP server (<see cref="MailSender"/>: <c>Mail:Smtp:*</c>, STARTTLS
/// as configured, the configured sender), DKIM-signed when the operator supplies a key (<see cref="NoticeOptions.Dkim"/>).
/// </summary>
/// <remarks>
/// A recipient the server refuses for good (5xx) is a permanent failure; an unreachable server, a timeout, a TLS or
/// login failure or a temporary refusal (4xx) is a passing one, retried with backoff.
/// </remarks>
public sealed class NoticeMail(MailSender mail, IOptions<NoticeOptions> options, IOptions<MailOptions> mailOptions, TimeProvider time)
{
    public async Task<DeliveryOutcome> DeliverAsync(Notice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!mail.IsConfigured)
        {
            return DeliveryOutcome.Passing("No mail server is configured (Mail:Smtp:Host and Mail:Smtp:From); the operator sets one, then the notice is sent.");
        }

        using var message = new MimeMessage();
        var from = mail.From;
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(notice.Recipient));
        message.Subject = notice.Subject;
        message.Date = time.GetUtcNow();
        message.MessageId = MimeUtils.GenerateMessageId(from.Domain);
        var body = new TextPart("plain");
        body.SetText(Encoding.UTF8, notice.Body);
        message.Body = body;
        if (options.Value.Dkim.IsConfigured)
        {
            Sign(message, options.Value.Dkim);
        }

        var server = string.Create(CultureInfo.InvariantCulture, $"{mailOptions.Value.Smtp.Host}:{mailOptions.Value.Smtp.Port}");
        try
        {
            await mail.SendAsync(message, ct);
            return DeliveryOutcome.Sent(message.MessageId);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return DeliveryOutcome.Permanent(e.ErrorCode == SmtpErrorCode.RecipientNotAccepted
                ? $"The mail server refused the recipient {notice.Recipient}: {(int)e.StatusCode} {e.Message}"
                : $"The mail server refused the message: {(int)e.StatusCode} {e.Message}");
        }
        catch (SmtpCommandException e)
        {
            return DeliveryOutcome.Passing($"The mail server refused the message for now: {(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException
            or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException or TimeoutException)
        {
            return DeliveryOutcome.Passing($"The mail server {server} could not be reached or did not answer: {e.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryOutcome.Passing($"The mail server {server} did not answer in time.");
        }
    }

    private static void Sign(MimeMessage message, DkimSettings dkim)
    {
        var signer = new DkimSigner(dkim.PrivateKeyPath!, dkim.Domain!, dkim.Selector!, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId]);
    }
}

/// <summary>What a webhook receives: the notice as JSON.</summary>
public sealed record WebhookNotice(
    Guid NoticeId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))] NoticeKind Kind,
    Guid RouteId,
    IReadOnlyList<string> Urls,
    string Hotline,
    string Reference,
    string Language,
    string Subject,
    string Text);

/// <summary>
/// Sends a notice to a host's abuse API: a JSON POST (<see cref="WebhookNotice"/>) to the URL the analyst gave; any 2xx
/// answer is delivery. Redirects are not followed; private addresses are refused unless the operator allows them
/// (<see cref="NoticeOptions.AllowPrivateWebhookAddresses"/>).
/// </summary>
/// <remarks>408, 425, 429, 5xx, an unreachable server and a timeout are passing failures; any other answer is a refusal for good.</remarks>
public sealed class NoticeWebhook : IDisposable
{
    private readonly HttpClient _client;
    private readonly IOptions<NoticeOptions> _options;

    public NoticeWebhook(IOptions<NoticeOptions> options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
            UseProxy = false,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<DeliveryOutcome> DeliverAsync(Notice notice, string hotline, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var payload = new WebhookNotice(notice.Id, notice.Kind, notice.RouteId, [.. notice.Routes.Select(r => r.Url)], hotline, notice.Reference,
            notice.Language, notice.Subject, notice.Body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Value.WebhookTimeout);
        try
        {
            using var response = await _client.PostAsJsonAsync(new Uri(notice.Recipient), payload, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryOutcome.Sent(null);
            }

            var words = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}");
            return status is 408 or 425 or 429 || status >= 500
                ? DeliveryOutcome.Passing($"The webhook answered {words}; it is tried again.")
                : DeliveryOutcome.Permanent($"The webhook refused the notice: {words}.");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            return DeliveryOutcome.Permanent(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Passing($"The webhook could not be reached: {e.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryOutcome.Passing("The webhook did not answer in time.");
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!_options.Value.AllowPrivateWebhookAddresses)
        {
            addresses = [.. addresses.Where(a => !SpecialPurposeAddresses.Contains(a))];
            if (addresses.Length == 0)
            {
                throw new WebhookAddressRefusedException($"The webhook's host {host} has no public address; Clearline does not call into private networks.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The webhook's host resolves only to addresses Clearline does not call.</summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException()
    {
    }

    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
