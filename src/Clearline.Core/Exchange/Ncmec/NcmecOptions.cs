using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Exchange.Ncmec;

/// <summary>How Clearline talks to NCMEC's Hash Sharing API (section <c>Ncmec</c>).</summary>
public sealed class NcmecOptions : ISectionOptions
{
    public static string Section => "Ncmec";

    /// <summary>Longest wait for one answer of NCMEC's API (one page of entries, or a feedback call).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest answer read; a larger one fails the pull (a page of 1,000 entries is far smaller).</summary>
    [Range(1024, 512 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How long a paging URL is used to resume a window; after it, the window is read again from its start.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PagingUrlLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The wait before a failed pull is tried again (unless the source's own interval is shorter).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(15);
}
