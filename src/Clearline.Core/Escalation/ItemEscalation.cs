using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Escalation;

/// <summary>Where an escalation is in INTERPOL's victim identification work.</summary>
/// <remarks>Stored by name; never rename.</remarks>
public enum EscalationState
{
    /// <summary>In the queue; nobody at INTERPOL has taken it yet.</summary>
    Open = 1,

    /// <summary>An INTERPOL officer took it and works on it.</summary>
    Taken = 2,

    /// <summary>The victim was identified.</summary>
    Identified = 3,

    /// <summary>Worked to an end without an identification (or not a case for victim identification).</summary>
    Closed = 4,
}

/// <summary>Why an item was escalated.</summary>
/// <remarks>Stored by name; never rename.</remarks>
public enum EscalationCauseKind
{
    /// <summary>An analyst classified the item illegal, and it matched no hash list and was not known to the network before.</summary>
    NewMaterial = 1,

    /// <summary>A hotline referred the item to a police unit as a possible new victim.</summary>
    PossibleNewVictim = 2,
}

/// <summary>
/// An item in INTERPOL's victim identification queue: its causes, its priority, its state with who changed it and
/// when, and the feedback to the reporting hotline. One escalation is active (Open or Taken) per item; a further
/// cause is added to it (<see cref="EscalationCause"/>).
/// </summary>
/// <remarks>
/// <para>Named <c>ItemEscalation</c> because the feature's namespace is <c>Clearline.Escalation</c>.</para>
/// <para>Priority (<see cref="PriorityRank"/>, lower first): a <b>new series</b> comes first, that is two or more items
/// escalated through the same report (<see cref="ReportId"/>: the report the item was found through, for a referral
/// its route's report); then the age groups Infant and PrePubescent; then the oldest first (<see cref="OpenedAt"/>).</para>
/// </remarks>
public sealed class ItemEscalation
{
    public const int FeedbackMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string MediaSha256 { get; init; }

    /// <summary>The hotline whose decision or referral opened it: the one that gets the feedback.</summary>
    public Guid HotlineOrganisationId { get; init; }

    /// <summary>The report the item was found through (what makes a series); null when unknown.</summary>
    public Guid? ReportId { get; init; }

    /// <summary>The age group of the item's illegal decision, the youngest a cause brought.</summary>
    public Classification.AgeGroup AgeGroup { get; set; }

    /// <summary>Whether another item was escalated through the same report.</summary>
    public bool InSeries { get; set; }

    /// <summary>0 (series, young) … 3 (neither): the queue's order before age.</summary>
    public int PriorityRank { get; set; }

    public DateTimeOffset OpenedAt { get; init; }

    public EscalationState State { get; set; } = EscalationState.Open;

    public DateTimeOffset? StateChangedAt { get; set; }

    /// <summary>The officer (user, or API key when <see cref="StateChangedByApiKey"/>) who last changed the state.</summary>
    public Guid? StateChangedBy { get; set; }

    public bool StateChangedByApiKey { get; set; }

    public DateTimeOffset? TakenAt { get; set; }

    public Guid? TakenBy { get; set; }

    /// <summary>The latest feedback to the reporting hotline (each one is in the audit trail).</summary>
    public string? FeedbackNote { get; set; }

    public DateTimeOffset? FeedbackAt { get; set; }

    public List<EscalationCause> Causes { get; init; } = [];

    public bool IsActive => State is EscalationState.Open or EscalationState.Taken;

    /// <summary>Recomputes <see cref="PriorityRank"/> from the series and the age group.</summary>
    public void Prioritise() => PriorityRank = (InSeries ? 0 : 2) + (IsYoung(AgeGroup) ? 0 : 1);

    public static bool IsYoung(Classification.AgeGroup ageGroup) =>
        ageGroup is Classification.AgeGroup.Infant or Classification.AgeGroup.PrePubescent;
}

/// <summary>One reason an item was escalated, with the hotline that caused it and, for a referral, the police unit.</summary>
public sealed class EscalationCause
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EscalationId { get; init; }

    public EscalationCauseKind Kind { get; init; }

    public Guid HotlineOrganisationId { get; init; }

    /// <summary>The police unit a possible-new-victim referral went to.</summary>
    public Guid? PoliceOrganisationId { get; init; }

    public Guid? ReferralId { get; init; }

    /// <summary>The analyst's decision that made the item new material.</summary>
    public Guid? ClassificationId { get; init; }

    public DateTimeOffset At { get; init; }
}

internal sealed class ItemEscalationConfiguration : IEntityTypeConfiguration<ItemEscalation>
{
    public void Configure(EntityTypeBuilder<ItemEscalation> builder)
    {
        builder.ToTable("Escalations");
        builder.Property(e => e.MediaSha256).HasMaxLength(64);
        builder.Property(e => e.AgeGroup).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.FeedbackNote).HasMaxLength(ItemEscalation.FeedbackMaxLength);
        builder.Ignore(e => e.IsActive);
        builder.HasIndex(e => e.MediaSha256);
        builder.HasIndex(e => e.ReportId);
        builder.HasIndex(e => new { e.State, e.PriorityRank, e.OpenedAt });
        builder.HasMany(e => e.Causes).WithOne().HasForeignKey(c => c.EscalationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EscalationCauseConfiguration : IEntityTypeConfiguration<EscalationCause>
{
    public void Configure(EntityTypeBuilder<EscalationCause> builder)
    {
        builder.ToTable("EscalationCauses");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => c.EscalationId);
        builder.HasIndex(c => c.HotlineOrganisationId);
    }
}
