using Clearline.Routing;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Takedown;

/// <summary>
/// One action recorded on a content URL's route, append-only: the history of what was done about the content,
/// by whom and when.
/// </summary>
public sealed class TakedownAction
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid RouteId { get; init; }

    public TakedownActionKind Kind { get; init; }

    public ActionReason Reason { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The organisation the action was recorded for: the assigned hotline (also for the system's), or the coordinator.</summary>
    public Guid? OrganisationId { get; init; }

    /// <summary>Who recorded it: a user, an API key, or the system (a re-check that confirmed removal).</summary>
    public AuditActorKind ActorKind { get; init; }

    public string? ActorId { get; init; }

    /// <summary>The re-check that confirmed removal, for an action the system recorded.</summary>
    public Guid? RecheckId { get; init; }
}

internal sealed class TakedownActionConfiguration : IEntityTypeConfiguration<TakedownAction>
{
    public const int MaxNoteLength = 2000;

    public void Configure(EntityTypeBuilder<TakedownAction> builder)
    {
        builder.ToTable("TakedownActions");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Reason).HasConversion<string>().HasMaxLength(50);
        builder.Property(a => a.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ActorId).HasMaxLength(64);
        builder.Property(a => a.Note).HasMaxLength(MaxNoteLength);
        builder.HasIndex(a => new { a.RouteId, a.Id });
        builder.HasOne<ContentRoute>().WithMany().HasForeignKey(a => a.RouteId).OnDelete(DeleteBehavior.Restrict);
    }
}
