using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Notices;

/// <summary>The key a notice e-mail is DKIM-signed with (section <c>Notices:Dkim</c>); unset: mail is not signed.</summary>
public sealed class DkimSettings
{
    /// <summary>A PEM file with the RSA private key whose public half is published at <c>{Selector}._domainkey.{Domain}</c>.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The signing domain (<c>d=</c>), usually the sender address's domain.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (<c>s=</c>) under which the public key is published.</summary>
    public string? Selector { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PrivateKeyPath);
}

/// <summary>Notices to hosts (section <c>Notices</c>): templates, legal basis per country, DKIM, delivery.</summary>
public sealed class NoticeOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Notices";

    /// <summary>
    /// A folder of the operator's templates, <c>notice.{language}.txt</c> and <c>reminder.{language}.txt</c>: each adds a
    /// language, or replaces a built-in one.
    /// </summary>
    public string? TemplateDirectory { get; set; }

    /// <summary>The legal basis quoted in a notice, by hosting country code (<c>Notices:LegalBasis:DE</c>).</summary>
    public Dictionary<string, string> LegalBasis { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public DkimSettings Dkim { get; set; } = new();

    /// <summary>Delivery attempts before a notice that keeps failing for a passing reason is marked Failed.</summary>
    [Range(1, 100)]
    public int MaxDeliveryAttempts { get; set; } = 10;

    /// <summary>How long a webhook may take to answer before the attempt counts as failed (and is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a webhook may be on a private, loopback or other non-public address. Off: an analyst cannot make
    /// Clearline call into its own network.
    /// </summary>
    public bool AllowPrivateWebhookAddresses { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TemplateDirectory) && !Directory.Exists(TemplateDirectory))
        {
            yield return new ValidationResult($"Notices:TemplateDirectory '{TemplateDirectory}' is not a folder; create it or leave the setting empty.", [nameof(TemplateDirectory)]);
        }

        if (Dkim.IsConfigured)
        {
            if (!File.Exists(Dkim.PrivateKeyPath))
            {
                yield return new ValidationResult($"Notices:Dkim:PrivateKeyPath '{Dkim.PrivateKeyPath}' is not a file; give the PEM file of the RSA private key.", [nameof(Dkim)]);
            }

            if (string.IsNullOrWhiteSpace(Dkim.Domain) || string.IsNullOrWhiteSpace(Dkim.Selector))
            {
                yield return new ValidationResult("Set Notices:Dkim:Domain and Notices:Dkim:Selector with Notices:Dkim:PrivateKeyPath.", [nameof(Dkim)]);
            }
        }

        foreach (var country in LegalBasis.Keys.Where(k => k.Length != 2 || !k.All(char.IsAsciiLetter)))
        {
            yield return new ValidationResult($"Notices:LegalBasis:{country} is not a two-letter country code such as DE.", [nameof(LegalBasis)]);
        }
    }
}
