using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Notifications;

/// <summary>How the SMTP connection is secured.</summary>
public enum MailSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (required: a server that does not offer it is refused).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect = 2,

    /// <summary>No TLS: only for a relay on the same host or a test server.</summary>
    None = 3,
}

/// <summary>The mail server Clearline sends through (section <c>Mail:Smtp</c>).</summary>
/// <remarks><see cref="Password"/> is a secret: set it in the environment or a secret store, never in appsettings.json; it is never logged.</remarks>
public sealed class SmtpSettings
{
    /// <summary>The server's host name; empty: no mail is sent at all.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender address, e.g. <c>clearline@hotline.example</c>.</summary>
    public string? From { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
}

/// <summary>E-mail (section <c>Mail</c>): the SMTP server, and the address people open the portal at (for links in mail).</summary>
public sealed class MailOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Where people open Clearline, e.g. <c>https://clearline.example</c>; links in mail start with it.</summary>
    public Uri? PortalUrl { get; set; }

    /// <summary>Whether a mail server is configured (a host and a sender): without one, nothing is sent and nothing fails.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(Smtp.From);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Smtp.Host) && !MimeKit.MailboxAddress.TryParse(Smtp.From ?? string.Empty, out _))
        {
            yield return new ValidationResult("Set Mail:Smtp:From to the sender's e-mail address when Mail:Smtp:Host is set.", [nameof(Smtp)]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Mail:Smtp:Port is a TCP port, 1 to 65535.", [nameof(Smtp)]);
        }

        if (PortalUrl is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("Mail:PortalUrl is an absolute address such as https://clearline.example.", [nameof(PortalUrl)]);
        }
    }
}
