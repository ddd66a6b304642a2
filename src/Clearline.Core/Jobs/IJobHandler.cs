namespace Clearline.Jobs;

/// <summary>Runs jobs of one kind. Register with <see cref="JobServices.AddJobHandler{THandler, TPayload}"/>.</summary>
/// <remarks>
/// Execution is at least once: a worker killed after the work but before recording success leaves the job to
/// run again, so a handler must be idempotent. It runs in its own service scope acting as the system; one
/// acting for an organisation switches the scope's <c>TenantContext</c> itself. It must honour the token: it is
/// cancelled at shutdown and when the lease was lost to another worker.
/// </remarks>
public interface IJobHandler<in TPayload>
{
    Task HandleAsync(TPayload payload, JobContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler knows about the job it runs. <see cref="Attempt"/> starts at 1.</summary>
public sealed record JobContext(Guid JobId, string Kind, int Attempt, Guid? OrganisationId);
