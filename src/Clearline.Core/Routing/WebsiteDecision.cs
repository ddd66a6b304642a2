using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Organisations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Routing;

/// <summary>
/// The reporting hotline's analyst marked a crawled page itself illegal (ICCAM's "website" content type): a page whose
/// purpose is distribution. Its route (<see cref="RouteSubject.Website"/>) takes the page URL to its hosting country's
/// hotline. Kept with its history: a withdrawn decision stays, with when.
/// </summary>
public sealed class WebsiteDecision
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The hotline that decided: the one whose report found the page.</summary>
    public Guid OrganisationId { get; init; }

    public Guid CrawledUrlId { get; init; }

    /// <summary>Baseline, or National under <see cref="Jurisdiction"/>.</summary>
    public Verdict Verdict { get; init; }

    public string? Jurisdiction { get; init; }

    /// <summary>Who decided: the person's or the API key's audit actor ("User:…", "ApiKey:…").</summary>
    public required string DecidedBy { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>When the hotline withdrew it (or decided again); null while it holds.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class WebsiteDecisionConfiguration : IEntityTypeConfiguration<WebsiteDecision>
{
    public void Configure(EntityTypeBuilder<WebsiteDecision> builder)
    {
        builder.ToTable("WebsiteDecisions");
        builder.Property(d => d.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Jurisdiction).HasMaxLength(2);
        builder.Property(d => d.DecidedBy).HasMaxLength(100);
        builder.HasIndex(d => new { d.CrawledUrlId, d.WithdrawnAt });
        builder.HasOne<CrawledUrl>().WithMany().HasForeignKey(d => d.CrawledUrlId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
