using Clearline.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Jobs;

/// <summary>Runs one claimed job: its handler in a fresh scope, a heartbeat that keeps the lease, and the outcome.</summary>
/// <remarks>
/// <para>Every database write here is conditional on still holding the lease (see <see cref="JobLeases"/>).</para>
/// <para>The lease is also fenced in time: the handler is cancelled when the lease it last renewed is about to run out
/// (<see cref="FenceMargin"/> before, by this process's own clock, counted from when the claim or renewal was sent).
/// Without it a worker whose renewals stall (a loaded machine, a slow database) would run on after another worker
/// took the job over, and both would run it at once until its next heartbeat noticed.</para>
/// </remarks>
internal sealed class JobExecution(IServiceScopeFactory scopes, JobHandlers handlers, WorkerOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>How long before its lease runs out a handler whose lease could not be renewed is stopped.</summary>
    private TimeSpan FenceMargin => options.LeaseDuration / 6;

    /// <param name="claim">The job and the lease this worker holds on it.</param>
    /// <param name="claimSentAt">When the claim was sent (<see cref="TimeProvider.GetTimestamp"/>): the lease runs from no earlier.</param>
    /// <param name="stoppingToken">Cancelled when the worker stops.</param>
    public async Task RunAsync(JobClaim claim, long claimSentAt, CancellationToken stoppingToken)
    {
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = claim.Job.Id, ["JobKind"] = claim.Job.Kind });
        using var leaseLost = new CancellationTokenSource(FenceAfter(claimSentAt), time);
        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leaseLost.Token);
        using var heartbeatCancellation = new CancellationTokenSource();
        var lease = new LeaseState();
        var heartbeat = KeepLeaseAsync(claim, leaseLost, lease, heartbeatCancellation.Token);
        Exception? failure = null;
        try
        {
            await InvokeHandlerAsync(claim, handlerCancellation.Token);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await heartbeatCancellation.CancelAsync();
            await heartbeat;
        }

        var fenced = leaseLost.IsCancellationRequested && !lease.TakenOver;
        if (fenced)
        {
            logger.LogWarning("The lease of job {JobId} could not be renewed in time; its handler was stopped before another worker could take the job", claim.Job.Id);
        }

        try
        {
            await RecordOutcomeAsync(claim, failure, lease.TakenOver, stoppingToken.IsCancellationRequested, fenced);
        }
        catch (Exception ex)
        {
            // The lease will lapse and another attempt will run: at least once, never lost.
            logger.LogError(ex, "Recording the outcome of job {JobId} failed; it runs again when its lease expires", claim.Job.Id);
        }
    }

    /// <summary>Time left before the fence, for a lease that was sent out at <paramref name="sentAt"/>; zero when already past.</summary>
    private TimeSpan FenceAfter(long sentAt)
    {
        var left = options.LeaseDuration - FenceMargin - time.GetElapsedTime(sentAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Whether a renewal found the job in another worker's hands (as opposed to the fence running out).</summary>
    private sealed class LeaseState
    {
        public bool TakenOver { get; set; }
    }

    private async Task InvokeHandlerAsync(JobClaim claim, CancellationToken ct)
    {
        var job = claim.Job;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        var context = new JobContext(job.Id, job.Kind, claim.Attempt, job.OrganisationId);
        await handlers[job.Kind].InvokeAsync(scope.ServiceProvider, job.Payload, context, ct);
    }

    private async Task KeepLeaseAsync(JobClaim claim, CancellationTokenSource leaseLost, LeaseState lease, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, time, ct);
                var sentAt = time.GetTimestamp();
                if (!await WithLeasesAsync(leases => leases.RenewAsync(claim, options.LeaseDuration, ct)))
                {
                    logger.LogWarning("Job {JobId} was taken over by another worker; cancelling its handler", claim.Job.Id);
                    lease.TakenOver = true;
                    await leaseLost.CancelAsync();
                    return;
                }

                // Moves the fence with the lease; once it has fired the handler stays cancelled (CancelAfter is then a no-op).
                leaseLost.CancelAfter(FenceAfter(sentAt));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One failed renewal is not a lost lease; the next may succeed before it lapses.
                logger.LogWarning(ex, "Renewing the lease of job {JobId} failed", claim.Job.Id);
            }
        }
    }

    /// <remarks>Logs name the exception type only: messages may quote what a job worked on (URLs, names); the job row keeps them.</remarks>
    private async Task RecordOutcomeAsync(JobClaim claim, Exception? failure, bool leaseLost, bool stopping, bool fenced)
    {
        var job = claim.Job;
        if (leaseLost)
        {
            return;
        }

        bool held;
        if (failure is null)
        {
            held = await WithLeasesAsync(leases => leases.SucceedAsync(claim, CancellationToken.None));
            // One line per completed handler, recorded or not: the several-nodes test counts them per job to prove
            // that no job ran to completion twice (a second completion would be an unrecorded one).
            logger.LogDebug("Job {JobId} ({Kind}) completed on attempt {Attempt}; recorded: {Recorded}", job.Id, job.Kind, claim.Attempt, held);
        }
        else if (failure is OperationCanceledException && (stopping || fenced))
        {
            // Given back uncounted: the job did not fail. After the fence this succeeds only if nobody took it meanwhile.
            logger.LogInformation("Job {JobId} ({Kind}) was interrupted by {Reason} and is queued again", job.Id, job.Kind, stopping ? "shutdown" : "its lease fence");
            held = await WithLeasesAsync(leases => leases.ReleaseAsync(claim, CancellationToken.None));
        }
        else if (failure is PermanentJobFailureException || claim.Attempt >= job.MaxAttempts)
        {
            logger.LogError("Job {JobId} ({Kind}) failed on attempt {Attempt} of {MaxAttempts} with {ErrorType} and is dead-lettered",
                job.Id, job.Kind, claim.Attempt, job.MaxAttempts, failure.GetType().Name);
            held = await WithLeasesAsync(leases => leases.FailAsync(claim, Describe(failure), CancellationToken.None));
        }
        else
        {
            var delay = RetryBackoff.Delay(claim.Attempt, options.RetryBaseDelay, options.MaxRetryDelay, Random.Shared.NextDouble());
            logger.LogWarning("Job {JobId} ({Kind}) failed on attempt {Attempt} of {MaxAttempts} with {ErrorType}; retrying in {Delay}",
                job.Id, job.Kind, claim.Attempt, job.MaxAttempts, failure.GetType().Name, delay);
            held = await WithLeasesAsync(leases => leases.RetryLaterAsync(claim, Describe(failure), delay, CancellationToken.None));
        }

        if (!held)
        {
            logger.LogWarning("Job {JobId} was taken over by another worker before its outcome was recorded", job.Id);
        }
    }

    /// <summary>Type and message only: a stack trace would reach the API and the admin page.</summary>
    internal static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().FullName}: {exception.Message}";
        return text.Length <= Job.LastErrorMaxLength ? text : text[..Job.LastErrorMaxLength];
    }

    private async Task<bool> WithLeasesAsync(Func<JobLeases, Task<bool>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<JobLeases>());
    }
}
