
namespace Clearline.Takedown;

/// <summary>The takedown queues of a hotline, from the routes assigned to it (orphaned content is routing's queue).</summary>
public enum TakedownQueue
{
    /// <summary>Assigned, no action yet.</summary>
    Unactioned = 1,

    /// <summary>Notice given to the host, removal not confirmed yet.</summary>
    AwaitingRecheck = 2,

    /// <summary>Removed or unavailable.</summary>
    Offline = 3,
}

/// <summary>One line of a takedown queue.</summary>
public sealed record TakedownQueueItem(
    Guid RouteId, string Url, string? CountryCode, TakedownState State, DateTimeOffset RoutedAt, DateTimeOffset? NoticeAt,
    int RechecksDone, DateTimeOffset? NextRecheckAt, DateTimeOffset? RemovedAt, TimeSpan? TimeToRemoval);

/// <summary>One page of a takedown queue, oldest route first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TakedownQueuePage(IReadOnlyList<TakedownQueueItem> Items, Guid? NextCursor);

/// <summary>One recorded action. Who recorded it is given as the organisation and the kind of actor, not the user or key.</summary>
public sealed record TakedownActionView(
    Guid Id, TakedownActionKind Kind, ActionReason Reason, string? Note, DateTimeOffset At, Guid? OrganisationId, AuditActorKind RecordedBy, Guid? RecheckId);

/// <summary>
/// A route's takedown: its state, the re-check schedule, the time to removal once confirmed, and every action in order.
/// <see cref="RechecksStopped"/> says a notice was given but no re-check is scheduled any more (the maximum was reached).
/// </summary>
public sealed record TakedownView(
    Guid RouteId, Guid? AssignedOrganisationId, TakedownState State, DateTimeOffset? NoticeAt, int RechecksDone, DateTimeOffset? NextRecheckAt,
    bool RechecksStopped, DateTimeOffset? FirstReportedAt, DateTimeOffset? RemovedAt, TimeSpan? TimeToRemoval, IReadOnlyList<TakedownActionView> Actions);
