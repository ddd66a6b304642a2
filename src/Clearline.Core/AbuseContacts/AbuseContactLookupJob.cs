using Clearline.Events;
using Clearline.Jobs;
using Clearline.Routing;

namespace Clearline.AbuseContacts;

/// <summary>The durable job that looks up a route's abuse contacts; <see cref="Refresh"/> ignores cached answers.</summary>
public sealed record AbuseContactLookupJob(Guid RouteId, bool Refresh)
{
    public const string Kind = "abuse-contacts";
}

/// <remarks>
/// Idempotent: a second run finds the answers cached. Expected failures are recorded and retried by a job of its
/// own (<see cref="AbuseContactLookups"/>); anything else (the database gone) throws and the worker retries the job.
/// </remarks>
public sealed class AbuseContactLookupJobHandler(AbuseContactLookups lookups) : IJobHandler<AbuseContactLookupJob>
{
    public Task HandleAsync(AbuseContactLookupJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        return lookups.LookUpAsync(payload, context.OrganisationId, cancellationToken);
    }
}

/// <summary>Queues the lookup of a route's abuse contacts when it opens (or is reinstated), in routing's unit of work.</summary>
public sealed class LookUpOpenedRoutes(AbuseContactLookups lookups) : IEventObserver<RouteOpened>
{
    public Task OnAsync(RouteOpened happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        lookups.Queue(happened.Route.Id, happened.Route.AssignedOrganisationId ?? happened.Route.ReportingOrganisationId);
        return Task.CompletedTask;
    }
}
