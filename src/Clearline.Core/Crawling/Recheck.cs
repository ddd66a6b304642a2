using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Crawling;

public enum RecheckOutcome
{
    /// <summary>Not checked yet.</summary>
    Pending = 0,

    /// <summary>The same content is still there (same SHA-256, or PDQ within the match threshold).</summary>
    Present = 1,

    /// <summary>The URL answers with different content.</summary>
    Changed = 2,

    /// <summary>The URL failed this time, but not yet often enough in a row to call it gone.</summary>
    Unreachable = 3,

    /// <summary>404/410, DNS failure or connection refused for the configured number of checks in a row.</summary>
    Gone = 4,
}

/// <summary>One re-fetch of a content URL, to learn whether what was found there is still online.</summary>
public sealed class Recheck : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public Guid CrawledUrlId { get; init; }

    public Guid JobId { get; set; }

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? CheckedAt { get; set; }

    public RecheckOutcome Outcome { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    /// <summary>SHA-256 of what answered, when something did.</summary>
    public string? FoundSha256 { get; set; }

    /// <summary>PDQ distance between what answered and what was found before, when both are images.</summary>
    public int? PdqDistance { get; set; }

    /// <summary>Failures that suggest removal (404, 410, no DNS name, connection refused), in a row up to this check.</summary>
    public int ConsecutiveFailures { get; set; }
}

internal sealed class RecheckConfiguration : IEntityTypeConfiguration<Recheck>
{
    public void Configure(EntityTypeBuilder<Recheck> builder)
    {
        builder.ToTable("Rechecks");
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Error).HasMaxLength(1000);
        builder.Property(r => r.FoundSha256).HasMaxLength(64);
        builder.HasIndex(r => new { r.CrawledUrlId, r.Id });
        builder.HasOne<CrawledUrl>().WithMany().HasForeignKey(r => r.CrawledUrlId).OnDelete(DeleteBehavior.Restrict);
    }
}
