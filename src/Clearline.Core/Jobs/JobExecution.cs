using Clearline.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Jobs;

/// <summary>Runs one claimed job: its handler in a fresh scope, a heartbeat that keeps the lease, and the outcome.</summary>
/// <remarks>Every database write here is conditional on still holding the lease (see <see cref="JobLeases"/>).</remarks>
internal sealed class JobExecution(IServiceScopeFactory scopes, JobHandlers handlers, WorkerOptions options, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(JobClaim claim, CancellationToken stoppingToken)
    {
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = claim.Job.Id, ["JobKind"] = claim.Job.Kind });
        using var leaseLost = new CancellationTokenSource();
        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leaseLost.Token);
        using var heartbeatCancellation = new CancellationTokenSource();
        var heartbeat = KeepLeaseAsync(claim, leaseLost, heartbeatCancellation.Token);
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

        try
        {
            await RecordOutcomeAsync(claim, failure, leaseLost.IsCancellationRequested, stoppingToken.IsCancellationRequested);
        }
        catch (Exception ex)
        {
            // The lease will lapse and another attempt will run: at least once, never lost.
            logger.LogError(ex, "Recording the outcome of job {JobId} failed; it runs again when its lease expires", claim.Job.Id);
        }
    }

    private async Task InvokeHandlerAsync(JobClaim claim, CancellationToken ct)
    {
        var job = claim.Job;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
        var context = new JobContext(job.Id, job.Kind, claim.Attempt, job.OrganisationId);
        await handlers[job.Kind].InvokeAsync(scope.ServiceProvider, job.Payload, context, ct);
    }

    private async Task KeepLeaseAsync(JobClaim claim, CancellationTokenSource leaseLost, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, time, ct);
                if (!await WithLeasesAsync(leases => leases.RenewAsync(claim, options.LeaseDuration, ct)))
                {
                    logger.LogWarning("Job {JobId} was taken over by another worker; cancelling its handler", claim.Job.Id);
                    await leaseLost.CancelAsync();
                    return;
                }
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
    private async Task RecordOutcomeAsync(JobClaim claim, Exception? failure, bool leaseLost, bool stopping)
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
        }
        else if (failure is OperationCanceledException && stopping)
        {
            logger.LogInformation("Job {JobId} ({Kind}) was interrupted by shutdown and is queued again", job.Id, job.Kind);
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
