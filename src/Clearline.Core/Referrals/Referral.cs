using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Takedown;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Referrals;

/// <summary>Where a referral is in the police unit's work.</summary>
public enum ReferralState
{
    /// <summary>Received, nobody at the unit has taken it yet: the queue.</summary>
    New = 1,

    /// <summary>The unit accepted it and works on it.</summary>
    Accepted = 2,

    /// <summary>The unit gave its final feedback.</summary>
    Closed = 3,
}

/// <summary>What the police tell the hotline became of a referral (the feedback ICCAM's CPORT carries back).</summary>
/// <remarks>Stored by name; never rename.</remarks>
public enum ReferralOutcome
{
    InvestigationOpened = 1,
    VictimIdentified = 2,
    OffenderIdentified = 3,
    NoFurtherAction = 4,
    ForwardedElsewhere = 5,
}

/// <summary>
/// A hotline's report of one content URL to the police unit of its country (a <see cref="TakedownActionKind.ReportedToLea"/>
/// action), the police unit's unit of work: the queue, acceptance, feedback and the message thread hang off it.
/// </summary>
/// <remarks>
/// Not tenant-owned: two organisations see it (the referring hotline and the police unit), so every query goes through
/// the referral feature's access rule. Its item is visible to the police unit whatever its decision (<c>PortalAccess</c>).
/// </remarks>
public sealed class Referral
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The route of the content URL referred.</summary>
    public Guid RouteId { get; init; }

    /// <summary>The ReportedToLea action that made it.</summary>
    public Guid TakedownActionId { get; init; }

    /// <summary>The hotline that referred it.</summary>
    public Guid HotlineOrganisationId { get; init; }

    /// <summary>The police unit that receives it.</summary>
    public Guid PoliceOrganisationId { get; init; }

    /// <summary>The item found at the content URL (its stored SHA-256), when the URL's bytes were stored.</summary>
    public string? MediaSha256 { get; init; }

    /// <summary>Why the hotline referred it: one of the ReportedToLea reasons.</summary>
    public ActionReason Reason { get; init; }

    /// <summary>The hotline's note with the referral.</summary>
    public string? Note { get; init; }

    public ReferralState State { get; set; } = ReferralState.New;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The latest feedback the police gave, if any (the full history is the referral's feedback records).</summary>
    public ReferralOutcome? Outcome { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("Referrals");
        builder.Property(r => r.MediaSha256).HasMaxLength(64);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Note).HasMaxLength(TakedownActionConfiguration.MaxNoteLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(r => new { r.PoliceOrganisationId, r.State, r.Id });
        builder.HasIndex(r => new { r.HotlineOrganisationId, r.Id });
        builder.HasIndex(r => r.RouteId);
        builder.HasIndex(r => r.MediaSha256);
        builder.HasIndex(r => r.TakedownActionId).IsUnique();
        builder.HasOne<ContentRoute>().WithMany().HasForeignKey(r => r.RouteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TakedownAction>().WithMany().HasForeignKey(r => r.TakedownActionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.HotlineOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.PoliceOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
