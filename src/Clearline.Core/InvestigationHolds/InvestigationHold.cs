using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.InvestigationHolds;

/// <summary>
/// An investigation hold: a police unit asks the hotline not to notify the host of an item until a date, because
/// notifying would warn a suspect of an ongoing investigation. While active it refuses <c>ReportedToHost</c> on every
/// route of the item and keeps the item from deletion under retention. Kept after it ends (lifted or expired).
/// </summary>
/// <remarks>
/// Tenant-owned by the police unit: another unit neither sees nor changes it. The assigned hotline reads it only
/// through <see cref="RouteHoldNotices"/> (until when, by whom, the reason only when <see cref="ReasonShared"/>).
/// <see cref="Until"/> is midnight UTC at the start of the date the police named: from that day the host may be notified.
/// </remarks>
public sealed class InvestigationHold : ITenantOwned
{
    public const int ReasonMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The police unit holding it.</summary>
    public Guid OrganisationId { get; init; }

    public required string MediaSha256 { get; init; }

    /// <summary>The referral it was placed from, when the unit names one.</summary>
    public Guid? ReferralId { get; init; }

    /// <summary>The host may be notified from this moment (midnight UTC of the date asked for).</summary>
    public DateTimeOffset Until { get; set; }

    public required string Reason { get; init; }

    /// <summary>Whether the assigned hotline may read <see cref="Reason"/>.</summary>
    public bool ReasonShared { get; init; }

    public DateTimeOffset PlacedAt { get; init; }

    public AuditActorKind PlacedByKind { get; init; }

    public string? PlacedById { get; init; }

    public DateTimeOffset? ChangedAt { get; set; }

    public AuditActorKind? ChangedByKind { get; set; }

    public string? ChangedById { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    public AuditActorKind? LiftedByKind { get; set; }

    public string? LiftedById { get; set; }

    public string? LiftReason { get; set; }

    /// <summary>When the expiry job recorded that the date passed (once).</summary>
    public DateTimeOffset? ExpiredAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => LiftedAt is null && Until > now;
}

internal sealed class InvestigationHoldConfiguration : IEntityTypeConfiguration<InvestigationHold>
{
    public void Configure(EntityTypeBuilder<InvestigationHold> builder)
    {
        builder.ToTable("InvestigationHolds");
        builder.Property(h => h.MediaSha256).HasMaxLength(64);
        builder.Property(h => h.Reason).HasMaxLength(InvestigationHold.ReasonMaxLength);
        builder.Property(h => h.LiftReason).HasMaxLength(InvestigationHold.ReasonMaxLength);
        builder.Property(h => h.PlacedByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.PlacedById).HasMaxLength(64);
        builder.Property(h => h.ChangedByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.ChangedById).HasMaxLength(64);
        builder.Property(h => h.LiftedByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.LiftedById).HasMaxLength(64);
        builder.HasIndex(h => new { h.OrganisationId, h.Id });
        builder.HasIndex(h => new { h.MediaSha256, h.LiftedAt });
        builder.HasOne<MediaItems.MediaItem>().WithMany().HasForeignKey(h => h.MediaSha256).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(h => h.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Referrals.Referral>().WithMany().HasForeignKey(h => h.ReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}
