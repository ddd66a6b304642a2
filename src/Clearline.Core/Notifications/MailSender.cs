using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Clearline.Notifications;

/// <summary>A plain-text message to send: recipients (each receives it blind), a subject and a body.</summary>
public sealed record MailMessage(IReadOnlyList<string> Recipients, string Subject, string Body);

/// <summary>
/// Sends mail through the configured SMTP server (<see cref="MailOptions"/>): notifications of new work now, notices to
/// hosts later. One connection per message; failures throw, so the durable job that sends retries.
/// </summary>
/// <remarks>
/// Recipients are blind copies, so no recipient learns another's address. The password is given to the server only
/// and never logged; nothing of the message is logged either.
/// </remarks>
public sealed class MailSender(IOptions<MailOptions> options)
{
    /// <summary>How long one connection or command may take before the send fails (and is retried by its job).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task SendAsync(MailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value.Smtp;
        if (!options.Value.IsConfigured)
        {
            throw new InvalidOperationException("No mail server is configured (Mail:Smtp:Host and Mail:Smtp:From).");
        }

        using var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From!));
        foreach (var recipient in message.Recipients)
        {
            mime.Bcc.Add(MailboxAddress.Parse(recipient));
        }

        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };
        await SendAsync(mime, ct);
    }

    /// <summary>The configured sender address (<c>Mail:Smtp:From</c>).</summary>
    public MailboxAddress From => MailboxAddress.Parse(options.Value.Smtp.From ?? throw new InvalidOperationException("No mail server is configured (Mail:Smtp:Host and Mail:Smtp:From)."));

    /// <summary>Sends a message composed (and perhaps signed) by the caller, through the configured server; failures throw.</summary>
    public async Task SendAsync(MimeMessage mime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mime);
        var settings = options.Value.Smtp;
        if (!options.Value.IsConfigured)
        {
            throw new InvalidOperationException("No mail server is configured (Mail:Smtp:Host and Mail:Smtp:From).");
        }

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.None => SecureSocketOptions.None,
            _ => throw new InvalidOperationException($"Unknown mail security {settings.Security}."),
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, ct);
        }

        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
