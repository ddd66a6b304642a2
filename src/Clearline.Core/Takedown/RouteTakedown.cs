using Clearline.Routing;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Takedown;

/// <summary>Where the takedown of one content URL stands, for the hotline it is assigned to now.</summary>
public enum TakedownState
{
    /// <summary>No action yet (or the content moved here and the receiving hotline has not acted).</summary>
    Unactioned = 0,

    /// <summary>Reported to police only; no notice to the host yet, so nothing is re-checked.</summary>
    ReportedToLea = 1,

    /// <summary>Notice given to the host; re-checks run until removal is confirmed.</summary>
    AwaitingRemoval = 2,

    Removed = 3,

    Unavailable = 4,

    NotIllegal = 5,
}

public static class TakedownStates
{
    /// <summary>Whether further actions may be recorded by the assigned hotline: Removed, Unavailable and NotIllegal close it.</summary>
    public static bool IsOpen(this TakedownState state) => state is TakedownState.Unactioned or TakedownState.ReportedToLea or TakedownState.AwaitingRemoval;
}

/// <summary>
/// The takedown record of one route: its current state, the re-check schedule after a notice, and, once removal is
/// confirmed, the time to removal. The actions themselves are the history (<see cref="TakedownAction"/>).
/// </summary>
/// <remarks><see cref="Version"/> is a concurrency token: two actions at once end with one winner, never a lost write.</remarks>
public sealed class RouteTakedown
{
    public Guid RouteId { get; init; }

    public TakedownState State { get; set; }

    /// <summary>The first notice to the host since the content was (re)assigned.</summary>
    public DateTimeOffset? NoticeAt { get; set; }

    /// <summary>Re-checks done since the last notice.</summary>
    public int RechecksDone { get; set; }

    /// <summary>The scheduled re-check whose result this record waits for; null when none is scheduled.</summary>
    public Guid? PendingRecheckId { get; set; }

    public DateTimeOffset? NextRecheckAt { get; set; }

    /// <summary>The earliest time any report of this content URL was received: where time to removal starts.</summary>
    public DateTimeOffset? FirstReportedAt { get; set; }

    /// <summary>When the content was first seen gone, by a re-check or as the analyst recorded it.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    public TimeSpan? TimeToRemoval { get; set; }

    public int Version { get; set; }

    /// <summary>Moves the state as <paramref name="kind"/> says; re-checks are scheduled by the caller.</summary>
    public void Apply(TakedownActionKind kind, DateTimeOffset at)
    {
        Version++;
        if (kind is not TakedownActionKind.ReportedToLea and not TakedownActionKind.ReportedToHost)
        {
            PendingRecheckId = null;
            NextRecheckAt = null;
        }

        switch (kind)
        {
            case TakedownActionKind.ReportedToLea:
                State = State == TakedownState.AwaitingRemoval ? State : TakedownState.ReportedToLea;
                break;
            case TakedownActionKind.ReportedToHost:
                State = TakedownState.AwaitingRemoval;
                NoticeAt ??= at;
                RechecksDone = 0;
                ClearRemoval();
                break;
            case TakedownActionKind.Removed:
                State = TakedownState.Removed;
                break;
            case TakedownActionKind.Unavailable:
                State = TakedownState.Unavailable;
                ClearRemoval();
                break;
            case TakedownActionKind.NotIllegal:
                State = TakedownState.NotIllegal;
                ClearRemoval();
                break;
            case TakedownActionKind.Moved:
                // The receiving hotline starts afresh; the history keeps what was done before.
                State = TakedownState.Unactioned;
                NoticeAt = null;
                RechecksDone = 0;
                ClearRemoval();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Records confirmed removal and the time to removal from the first report.</summary>
    /// <remarks>
    /// Both times are cut to the microsecond, the precision PostgreSQL keeps, so the stored duration is exactly the
    /// difference of the stored times on either database.
    /// </remarks>
    public void ConfirmRemoval(DateTimeOffset removedAt, DateTimeOffset firstReportedAt)
    {
        RemovedAt = ToMicroseconds(removedAt);
        FirstReportedAt = ToMicroseconds(firstReportedAt);
        TimeToRemoval = RemovedAt - FirstReportedAt;
    }

    private static DateTimeOffset ToMicroseconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));

    private void ClearRemoval()
    {
        RemovedAt = null;
        TimeToRemoval = null;
    }
}

internal sealed class RouteTakedownConfiguration : IEntityTypeConfiguration<RouteTakedown>
{
    public void Configure(EntityTypeBuilder<RouteTakedown> builder)
    {
        builder.ToTable("RouteTakedowns");
        builder.HasKey(t => t.RouteId);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        // Ticks, so statistics can take medians and percentiles in SQL on both providers.
        builder.Property(t => t.TimeToRemoval).HasConversion<long?>();
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => t.PendingRecheckId);
        builder.HasIndex(t => new { t.State, t.RouteId });
        builder.HasOne<ContentRoute>().WithOne().HasForeignKey<RouteTakedown>(t => t.RouteId).OnDelete(DeleteBehavior.Cascade);
    }
}
