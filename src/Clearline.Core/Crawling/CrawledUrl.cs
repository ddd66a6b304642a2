using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Crawling;

/// <summary>What the crawler expects behind a URL, from how it was linked; the bytes decide what it is.</summary>
public enum UrlRole
{
    Page = 0,
    Media = 1,
}

public enum UrlFetchState
{
    Pending = 0,
    Fetched = 1,
    Failed = 2,
}

/// <summary>What the fetched bytes turned out to be.</summary>
public enum UrlContent
{
    Unknown = 0,
    Page = 1,
    Media = 2,
    Other = 3,
}

/// <summary>
/// One URL of a crawl: first a frontier entry, then the record of its fetch (evidence, hosting, outcome).
/// Media URLs are the <em>content URLs</em> that are routed and taken down.
/// </summary>
public sealed class CrawledUrl : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public Guid CrawlId { get; init; }

    public Guid ReportId { get; init; }

    /// <summary>The normalised URL, unique within the crawl.</summary>
    public required string Url { get; init; }

    public UrlRole Role { get; init; }

    /// <summary>Links between the reported page and this URL.</summary>
    public int Depth { get; init; }

    /// <summary>The page this URL was first found on (null for the reported URL).</summary>
    public Guid? FoundOnId { get; init; }

    /// <summary>Where on that page, e.g. <c>img@srcset</c>.</summary>
    public string? FoundIn { get; init; }

    public UrlFetchState State { get; set; }

    public UrlContent Content { get; set; }

    public int? StatusCode { get; set; }

    public string? FinalUrl { get; set; }

    public string? ContentType { get; set; }

    /// <summary>Why the fetch or the content failed (e.g. <c>Timeout: no data for 15 s</c>), or null.</summary>
    public string? Error { get; set; }

    public DateTimeOffset? FetchedAt { get; set; }

    /// <summary>SHA-256 of the media item found here, when the bytes were media.</summary>
    public string? MediaSha256 { get; set; }

    /// <summary>Address of the encrypted evidence record (request, redirects, headers, TLS, timestamps).</summary>
    public string? EvidenceSha256 { get; set; }

    /// <summary>Address of the encrypted page body, for pages.</summary>
    public string? BodySha256 { get; set; }

    public string? ServerAddress { get; set; }

    public string? CountryCode { get; set; }

    public long? Asn { get; set; }

    public string? NetworkOrganisation { get; set; }

    public bool? IsCdn { get; set; }

    public string? ReverseDns { get; set; }
}

internal sealed class CrawledUrlConfiguration : IEntityTypeConfiguration<CrawledUrl>
{
    public void Configure(EntityTypeBuilder<CrawledUrl> builder)
    {
        builder.ToTable("CrawledUrls");
        builder.Property(u => u.Url).HasMaxLength(Reports.ReportLimits.MaxUrlLength);
        builder.Property(u => u.FinalUrl).HasMaxLength(Reports.ReportLimits.MaxUrlLength);
        builder.Property(u => u.FoundIn).HasMaxLength(100);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(10);
        builder.Property(u => u.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(u => u.Content).HasConversion<string>().HasMaxLength(10);
        builder.Property(u => u.ContentType).HasMaxLength(200);
        builder.Property(u => u.Error).HasMaxLength(1000);
        builder.Property(u => u.MediaSha256).HasMaxLength(64);
        builder.Property(u => u.EvidenceSha256).HasMaxLength(64);
        builder.Property(u => u.BodySha256).HasMaxLength(64);
        builder.Property(u => u.ServerAddress).HasMaxLength(45);
        builder.Property(u => u.CountryCode).HasMaxLength(2);
        builder.Property(u => u.NetworkOrganisation).HasMaxLength(200);
        builder.Property(u => u.ReverseDns).HasMaxLength(255);
        builder.HasIndex(u => new { u.CrawlId, u.Url }).IsUnique();
        builder.HasIndex(u => new { u.CrawlId, u.State });
        builder.HasIndex(u => new { u.ReportId, u.Id });
        builder.HasIndex(u => u.MediaSha256);
        builder.HasOne<Crawl>().WithMany().HasForeignKey(u => u.CrawlId).OnDelete(DeleteBehavior.Restrict);
    }
}
