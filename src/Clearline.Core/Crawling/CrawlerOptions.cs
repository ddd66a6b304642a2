using System.ComponentModel.DataAnnotations;
using System.Net;
using Clearline.Configuration;

namespace Clearline.Crawling;

/// <summary>Which pages a crawl follows beyond the reported one.</summary>
public enum CrawlScopeMode
{
    /// <summary>Pages on the same registrable domain (eTLD+1, from the public suffix list) as the reported URL.</summary>
    SameSite,

    /// <summary>Pages on exactly the reported URL's host.</summary>
    SameHost,

    /// <summary>Any page, wherever it is (limited only by depth and page count).</summary>
    Any,
}

/// <summary>Limits and network settings of the crawler (section <c>Crawler</c>).</summary>
public sealed class CrawlerOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "Crawler";

    /// <summary>The User-Agent header sent with every request.</summary>
    [Required]
    public string UserAgent { get; set; } = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    /// <summary>An optional outbound proxy (http://host:port), e.g. an anonymising gateway.</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Time to open a TCP connection (and finish TLS).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for the next bytes of a response (a server that drips bytes is cut off here).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest time for one whole fetch, redirects included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest page (HTML) accepted, after decompression.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxPageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest media item accepted, after decompression.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxMediaBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Largest ratio of decompressed to compressed bytes before a response is treated as a compression bomb.</summary>
    [Range(2, 100_000)]
    public int MaxDecompressionRatio { get; set; } = 200;

    /// <summary>Redirects followed per fetch.</summary>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 10;

    /// <summary>Requests in flight at once across all crawls of one process.</summary>
    [Range(1, 1024)]
    public int GlobalConcurrency { get; set; } = 16;

    /// <summary>Requests in flight at once to one host.</summary>
    [Range(1, 64)]
    public int PerHostConcurrency { get; set; } = 4;

    /// <summary>Pause between two requests to the same host.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PolitenessDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Networks (CIDR) the crawler may reach although they are special-purpose (loopback, private...).
    /// Empty in production; tests list <c>127.0.0.0/8</c>.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Whether TLS certificates that fail validation are accepted (the failure is recorded as evidence).</summary>
    public bool AcceptInvalidCertificates { get; set; } = true;

    /// <summary>How many links away from the reported page pages are still followed.</summary>
    [Range(0, 10)]
    public int MaxDepth { get; set; } = 2;

    public CrawlScopeMode Scope { get; set; } = CrawlScopeMode.SameSite;

    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 200;

    [Range(1, 1_000_000)]
    public int MaxMedia { get; set; } = 2000;

    /// <summary>Removal-like failures (404, 410, no DNS name, connection refused) in a row before a re-checked URL is gone.</summary>
    [Range(1, 100)]
    public int GoneAfterFailures { get; set; } = 3;

    /// <summary>The public suffix list (Debian package <c>publicsuffix</c>); without it, the last two labels are the site.</summary>
    public string PublicSuffixListPath { get; set; } = "/usr/share/publicsuffix/public_suffix_list.dat";

    /// <summary>The parsed <see cref="AllowedNetworks"/>.</summary>
    public IReadOnlyList<IPNetwork> ParsedAllowedNetworks() =>
        [.. AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim()))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(AllowedNetworks[i].Trim(), out _))
            {
                yield return new ValidationResult("must be a network in CIDR form, such as 127.0.0.0/8", [$"{nameof(AllowedNetworks)}:{i}"]);
            }
        }

        if (Proxy is not null && Proxy.Scheme is not ("http" or "https" or "socks5"))
        {
            yield return new ValidationResult("must be an http://, https:// or socks5:// URL", [nameof(Proxy)]);
        }

        if (TotalTimeout < ConnectTimeout)
        {
            yield return new ValidationResult("must not be shorter than ConnectTimeout", [nameof(TotalTimeout)]);
        }
    }
}
