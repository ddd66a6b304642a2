using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Crawling;

public enum CrawlState
{
    Queued = 0,
    Crawling = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// One crawl of a report's URL and what it links to; its frontier and results are <see cref="CrawledUrl"/> rows, and its
/// counts (pages, media, errors) are counted from them rather than kept here.
/// </summary>
public sealed class Crawl : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public Guid ReportId { get; init; }

    /// <summary>The durable job that runs this crawl.</summary>
    public Guid JobId { get; set; }

    public CrawlState State { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why the crawl stopped short of everything it found (a limit reached), or null.</summary>
    public string? LimitReason { get; set; }

    /// <summary>Why the crawl failed as a whole, or null.</summary>
    public string? Error { get; set; }
}

internal sealed class CrawlConfiguration : IEntityTypeConfiguration<Crawl>
{
    public void Configure(EntityTypeBuilder<Crawl> builder)
    {
        builder.ToTable("Crawls");
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.LimitReason).HasMaxLength(1000);
        builder.Property(c => c.Error).HasMaxLength(4000);
        builder.HasIndex(c => c.ReportId);
        builder.HasOne<Reports.Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}
