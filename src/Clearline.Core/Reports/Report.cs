using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Reports;

/// <summary>A reported URL, as a hotline received it, and the context the reporter gave.</summary>
public sealed class Report : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    /// <summary>The URL as submitted.</summary>
    public required string Url { get; init; }

    /// <summary>The URL in canonical form, for de-duplication.</summary>
    public required string NormalisedUrl { get; init; }

    /// <summary>When the hotline received the report (defaults to when it was submitted here).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? HotlineReference { get; init; }

    public SiteType SiteType { get; init; }

    public Commerciality Commerciality { get; init; }

    public PaymentMethods PaymentMethods { get; init; }

    public string? Referrer { get; init; }

    public string? Memo { get; init; }

    /// <summary>The client's Idempotency-Key, unique per organisation, so a retried submission is not a second report.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 of the submitted request, to tell a retry from a different request under a reused key.</summary>
    public string? RequestFingerprint { get; init; }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.Property(r => r.Url).HasMaxLength(ReportLimits.MaxUrlLength);
        builder.Property(r => r.NormalisedUrl).HasMaxLength(ReportLimits.MaxUrlLength);
        builder.Property(r => r.HotlineReference).HasMaxLength(ReportLimits.MaxReferenceLength);
        builder.Property(r => r.Referrer).HasMaxLength(ReportLimits.MaxUrlLength);
        builder.Property(r => r.Memo).HasMaxLength(ReportLimits.MaxMemoLength);
        builder.Property(r => r.SiteType).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Commerciality).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(ReportLimits.MaxIdempotencyKeyLength);
        builder.Property(r => r.RequestFingerprint).HasMaxLength(64);
        builder.HasIndex(r => new { r.OrganisationId, r.IdempotencyKey }).IsUnique();
        builder.HasIndex(r => r.NormalisedUrl);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class ReportLimits
{
    public const int MaxUrlLength = 4096;
    public const int MaxReferenceLength = 100;
    public const int MaxMemoLength = 4000;
    public const int MaxIdempotencyKeyLength = 200;
}
