using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.AbuseContacts;

/// <summary>How abuse contacts are looked up by RDAP (section <c>Rdap</c>).</summary>
public sealed class RdapOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Rdap";

    /// <summary>Where the RDAP servers are found: IANA's bootstrap registry files (RFC 9224).</summary>
    public RdapBootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>Longest wait for one RDAP answer (the bootstrap files included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a found (or not found) contact is used before it is looked up again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest RDAP answer or bootstrap file read; a larger one is a failure.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Failed lookups in a row before the retries stop (a person may still ask again).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed lookup; it doubles with every further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("must not be shorter than RetryBaseDelay", [nameof(MaxRetryDelay)]);
        }

        if (!Uri.TryCreate(Bootstrap.BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("must be an absolute http(s) URL", ["Bootstrap:BaseUrl"]);
        }

        if (Bootstrap.CacheLifetime < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("must be at least one second", ["Bootstrap:CacheLifetime"]);
        }
    }
}

/// <summary>Where IANA's RDAP bootstrap files (<c>ipv4.json</c>, <c>ipv6.json</c>, <c>dns.json</c>) are read from.</summary>
public sealed class RdapBootstrapOptions
{
    /// <summary>A folder holding the three files (an operator's copy, or one kept up to date by a cron job); set, it wins over <see cref="BaseUrl"/>.</summary>
    public string? Directory { get; set; }

    /// <summary>Where the files are downloaded from when no <see cref="Directory"/> is set.</summary>
    public string BaseUrl { get; set; } = "https://data.iana.org/rdap/";

    /// <summary>How long the files read are used before they are read again.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromDays(1);
}
