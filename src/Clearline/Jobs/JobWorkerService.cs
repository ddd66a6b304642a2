using Clearline.Retention;
using Clearline.WebHost;

namespace Clearline.Jobs;

/// <summary>Runs the <see cref="JobWorker"/> for the life of the host, once the database is migrated.</summary>
/// <remarks>
/// Stopping the host cancels the worker: it stops claiming, cancels running handlers and gives their jobs
/// back, within the host's shutdown timeout.
/// </remarks>
public sealed class JobWorkerService(JobWorker worker, DatabaseReadiness readiness) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await worker.RunAsync(stoppingToken);
    }
}

public static class JobWorkerServices
{
    /// <summary>Runs job workers in this host. Needs <see cref="DatabaseReadiness"/> and its initialiser, registered first.</summary>
    public static IServiceCollection AddJobWorkers(this IServiceCollection services) =>
        services.AddHostedService<JobWorkerService>().AddHostedService<RetentionScheduling>();
}
