using Clearline.Organisations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Referrals;

/// <summary>One feedback the police unit gave on a referral; the referral keeps every one, oldest first.</summary>
public sealed class ReferralFeedback
{
    public const int MaxNoteLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ReferralId { get; init; }

    public ReferralOutcome Outcome { get; init; }

    public string? Note { get; init; }

    /// <summary>Whether this feedback closed the referral.</summary>
    public bool Closed { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The police unit that gave it.</summary>
    public Guid OrganisationId { get; init; }

    public AuditActorKind ActorKind { get; init; }

    public string? ActorId { get; init; }
}

/// <summary>One message of a referral's thread, posted by the police unit or the referring hotline; plain text.</summary>
public sealed class ReferralMessage
{
    public const int MaxBodyLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ReferralId { get; init; }

    /// <summary>The organisation that posted it: the police unit or the referring hotline.</summary>
    public Guid OrganisationId { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset At { get; init; }

    public AuditActorKind ActorKind { get; init; }

    public string? ActorId { get; init; }
}

internal sealed class ReferralFeedbackConfiguration : IEntityTypeConfiguration<ReferralFeedback>
{
    public void Configure(EntityTypeBuilder<ReferralFeedback> builder)
    {
        builder.ToTable("ReferralFeedback");
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Note).HasMaxLength(ReferralFeedback.MaxNoteLength);
        builder.Property(f => f.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.ActorId).HasMaxLength(64);
        builder.HasIndex(f => new { f.ReferralId, f.Id });
        builder.HasOne<Referral>().WithMany().HasForeignKey(f => f.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralMessageConfiguration : IEntityTypeConfiguration<ReferralMessage>
{
    public void Configure(EntityTypeBuilder<ReferralMessage> builder)
    {
        builder.ToTable("ReferralMessages");
        builder.Property(m => m.Body).HasMaxLength(ReferralMessage.MaxBodyLength);
        builder.Property(m => m.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ActorId).HasMaxLength(64);
        builder.HasIndex(m => new { m.ReferralId, m.Id });
        builder.HasOne<Referral>().WithMany().HasForeignKey(m => m.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
