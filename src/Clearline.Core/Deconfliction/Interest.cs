using Clearline.Organisations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Deconfliction;

/// <summary>How an organisation came to have an interest in an item.</summary>
/// <remarks>Stored by name; never rename.</remarks>
public enum InterestSource
{
    /// <summary>The police unit accepted a referral of the item.</summary>
    ReferralAccepted = 1,

    /// <summary>The police unit placed an investigation hold on the item.</summary>
    InvestigationHold = 2,

    /// <summary>An INTERPOL officer took the item's escalation for victim identification.</summary>
    EscalationTaken = 3,

    /// <summary>An officer said "we have an interest in this item" by hand.</summary>
    Declared = 4,
}

/// <summary>
/// A police unit's or INTERPOL's interest in an item: the subject of deconfliction. The item's sites (host names of the
/// content URLs it was found at) and hash matches (the known-hash entries it matched) are derived when overlaps are read,
/// so an interest in one item also meets interests in other items of the same site or the same known hash.
/// </summary>
/// <remarks>
/// <para>At most one current interest per organisation and item: a second registration (a hold after an accepted referral)
/// keeps the first, with its since; withdrawing ends it whatever its source.</para>
/// <para>It carries no note: others see only who, since when, how and a contact line, never the organisation's notes
/// (those stay on its referral, hold or escalation). <see cref="Contact"/> is the free line an officer gives when
/// declaring by hand (a desk, a phone, an address); when empty, others see the organisation's name only.</para>
/// <para>Not tenant-owned: other organisations learn of it; every read goes through <see cref="Overlaps"/>.</para>
/// </remarks>
public sealed class Interest
{
    public const int MaxContactLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public required string MediaSha256 { get; init; }

    public InterestSource Source { get; init; }

    /// <summary>The referral, hold or escalation that made it; null when declared by hand.</summary>
    public Guid? SourceId { get; init; }

    public string? Contact { get; set; }

    public DateTimeOffset Since { get; init; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class InterestConfiguration : IEntityTypeConfiguration<Interest>
{
    public void Configure(EntityTypeBuilder<Interest> builder)
    {
        builder.ToTable("Interests");
        builder.Property(i => i.MediaSha256).HasMaxLength(64);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Contact).HasMaxLength(Interest.MaxContactLength);
        builder.HasIndex(i => new { i.MediaSha256, i.WithdrawnAt });
        builder.HasIndex(i => new { i.OrganisationId, i.WithdrawnAt });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
