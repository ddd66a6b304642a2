using Clearline.Routing;

namespace Clearline.Takedown;

/// <summary>An action was recorded on a content URL's route (announced inside the recording's unit of work).</summary>
/// <remarks>Referrals react to <see cref="TakedownActionKind.ReportedToLea"/>: the police unit of the hotline's country receives it.</remarks>
public sealed record TakedownActionRecorded(ContentRoute Route, TakedownAction Action, AuditActor Actor);

/// <summary>
/// A check another feature makes before an action is recorded on a route: an investigation hold refuses a notice to
/// the host until its date. Registered with <c>AddScoped&lt;ITakedownActionGate, …&gt;</c>; every registered gate is asked.
/// </summary>
public interface ITakedownActionGate
{
    /// <summary>The refusal, or null when <paramref name="kind"/> may be recorded on <paramref name="route"/> now.</summary>
    Task<RefusedError?> CheckAsync(ContentRoute route, TakedownActionKind kind, CancellationToken ct);
}
