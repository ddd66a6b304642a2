using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Jobs;

/// <summary>
/// Claims due jobs and runs them, <see cref="WorkerOptions.Concurrency"/> at a time, until stopped. Any number
/// of processes on any number of machines may run one against the same database: the lease decides who runs what.
/// </summary>
/// <remarks>
/// Stopping stops claiming, cancels running handlers and gives their jobs back uncounted. A process killed
/// outright gives nothing back; its leases expire and other workers resume the jobs.
/// </remarks>
public sealed class JobWorker(
    IServiceScopeFactory scopes,
    JobHandlers handlers,
    JobSignal signal,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<JobWorker> logger)
{
    /// <summary>This worker's lease owner name: unique per process and instance, readable in the admin page.</summary>
    public string Id { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 100)]}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (handlers.Kinds.Count == 0)
        {
            logger.LogInformation("No job handlers are registered; the worker has nothing to run");
            return;
        }

        var concurrency = options.Value.Concurrency;
        logger.LogInformation("Job worker {WorkerId} started: {Concurrency} at a time, kinds {Kinds}", Id, concurrency, string.Join(',', handlers.Kinds));
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => RunSlotAsync(stoppingToken)));
        logger.LogInformation("Job worker {WorkerId} stopped", Id);
    }

    private async Task RunSlotAsync(CancellationToken stoppingToken)
    {
        var execution = new JobExecution(scopes, handlers, options.Value, time, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so a job saved while we look still wakes us.
            var wake = signal.Next;
            var claimSentAt = time.GetTimestamp();
            var claim = await TryClaimAsync(stoppingToken);
            if (claim is null)
            {
                await IdleAsync(wake, stoppingToken);
                continue;
            }

            await execution.RunAsync(claim, claimSentAt, stoppingToken);
        }
    }

    private async Task<JobClaim?> TryClaimAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<JobLeases>()
                .ClaimAsync(handlers.Kinds, Id, options.Value.LeaseDuration, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            // The database may be restarting; keep polling rather than stopping the worker.
            logger.LogError(ex, "Claiming a job failed; trying again after the poll interval");
            return null;
        }
    }

    private async Task IdleAsync(Task wake, CancellationToken stoppingToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(wake, Task.Delay(options.Value.PollInterval, time, idle.Token));
        await idle.CancelAsync();
    }
}
