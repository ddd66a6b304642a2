using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Exchange.Federation;

/// <summary>The feed this instance publishes and the feeds it follows (section <c>Federation</c>).</summary>
public sealed class FederationOptions : ISectionOptions
{
    public static string Section => "Federation";

    /// <summary>The most entries (and, separately, withdrawals) one page of the published feed holds; a reader may ask for fewer.</summary>
    [Range(1, 5000, ErrorMessage = "must be between 1 and 5000")]
    public int FeedPageSize { get; set; } = 500;

    /// <summary>How long after a sync the next one of a subscription runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "must be between one second and seven days")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait for one page of a followed feed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "must be between one second and ten minutes")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest page of a followed feed that is read; a larger one is refused.</summary>
    [Range(1024, 1L << 30, ErrorMessage = "must be between 1024 bytes and 1 GiB")]
    public long MaxPageBytes { get; set; } = 64L << 20;

    /// <summary>The most pages one sync applies before it yields to the next job (the rest follow in the next sync, at once).</summary>
    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int MaxPagesPerSync { get; set; } = 200;
}
