using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Retention;

/// <summary>What a hold covers.</summary>
public enum HoldSubject
{
    /// <summary>A report: its reporter data and every item found through it (through the first report, for a duplicate).</summary>
    Report = 1,

    /// <summary>One media item, wherever it was found.</summary>
    MediaItem = 2,
}

/// <summary>
/// A legal hold: an organisation (a hotline now, police once their portal exists) keeps a report or an item from
/// deletion under retention until it lifts the hold. Kept after lifting, with who lifted it and why.
/// </summary>
/// <remarks>Tenant-owned by the holder: another organisation neither sees nor lifts it, though it keeps the item for everyone.</remarks>
public sealed class LegalHold : ITenantOwned
{
    public const int ReasonMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The organisation holding it.</summary>
    public Guid OrganisationId { get; init; }

    public HoldSubject Subject { get; init; }

    public Guid? ReportId { get; init; }

    public string? MediaSha256 { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset PlacedAt { get; init; }

    public AuditActorKind PlacedByKind { get; init; }

    public string? PlacedById { get; init; }

    public DateTimeOffset? LiftedAt { get; set; }

    public AuditActorKind? LiftedByKind { get; set; }

    public string? LiftedById { get; set; }

    public string? LiftReason { get; set; }
}

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> builder)
    {
        builder.ToTable("LegalHolds");
        builder.Property(h => h.Subject).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.MediaSha256).HasMaxLength(64);
        builder.Property(h => h.Reason).HasMaxLength(LegalHold.ReasonMaxLength);
        builder.Property(h => h.LiftReason).HasMaxLength(LegalHold.ReasonMaxLength);
        builder.Property(h => h.PlacedByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.PlacedById).HasMaxLength(64);
        builder.Property(h => h.LiftedByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.LiftedById).HasMaxLength(64);
        builder.HasIndex(h => new { h.OrganisationId, h.Id });
        builder.HasIndex(h => h.ReportId);
        builder.HasIndex(h => h.MediaSha256);
        builder.HasOne<Reports.Report>().WithMany().HasForeignKey(h => h.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MediaItems.MediaItem>().WithMany().HasForeignKey(h => h.MediaSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(h => h.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
