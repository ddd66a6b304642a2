using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.MediaItems;

/// <summary>A media item found at one URL of one crawl (or inside one page, as a <c>data:</c> URI).</summary>
public sealed class MediaOccurrence : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public Guid ReportId { get; init; }

    public Guid CrawlId { get; init; }

    /// <summary>The crawled URL the bytes came from: the media URL, or the page that embedded a <c>data:</c> URI.</summary>
    public Guid CrawledUrlId { get; init; }

    public required string MediaSha256 { get; init; }

    /// <summary>How the item was referenced, e.g. <c>img@src</c> or <c>data: in img@src</c>.</summary>
    public string? FoundIn { get; init; }

    public DateTimeOffset FoundAt { get; init; }
}

internal sealed class MediaOccurrenceConfiguration : IEntityTypeConfiguration<MediaOccurrence>
{
    public void Configure(EntityTypeBuilder<MediaOccurrence> builder)
    {
        builder.ToTable("MediaOccurrences");
        builder.Property(o => o.MediaSha256).HasMaxLength(64);
        builder.Property(o => o.FoundIn).HasMaxLength(100);
        builder.HasIndex(o => new { o.CrawlId, o.CrawledUrlId, o.MediaSha256 }).IsUnique();
        builder.HasIndex(o => new { o.ReportId, o.MediaSha256 });
        builder.HasIndex(o => o.MediaSha256);
        builder.HasOne<MediaItem>().WithMany().HasForeignKey(o => o.MediaSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Crawling.CrawledUrl>().WithMany().HasForeignKey(o => o.CrawledUrlId).OnDelete(DeleteBehavior.Restrict);
    }
}
