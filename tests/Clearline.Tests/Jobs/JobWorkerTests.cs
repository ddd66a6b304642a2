using Clearline.Database;
using Clearline.Jobs;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Jobs;

/// <summary>The real worker against the real database, with the test handler.</summary>
public sealed class JobWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Worker_SucceedingHandler_RunsItOnceAsTheSystemAndMarksItSucceeded(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);
        await using var worker = TestJobs.StartWorker(database.Services);

        var jobId = await database.EnqueueAsync(TestBehaviour.Succeed);

        var job = await database.WaitForAsync(jobId, j => j.State == JobState.Succeeded);
        var run = Assert.Single(database.Services.GetRequiredService<TestJobProbe>().RunsOf(jobId));
        Assert.Equal(1, run.Attempt);
        Assert.True(run.ActedAsSystem);
        Assert.Equal(1, job.Attempts);
        Assert.NotNull(job.CompletedAt);
        Assert.Null(job.LeaseOwner);
        Assert.Null(job.LastError);
    }

    [Theory]
    [BothDatabases]
    public async Task Worker_FailingHandler_IsRetriedThenDeadLetteredWithTheError(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);
        await using var worker = TestJobs.StartWorker(database.Services);

        var jobId = await database.EnqueueAsync(TestBehaviour.Fail, maxAttempts: 3);

        var job = await database.WaitForAsync(jobId, j => j.State == JobState.Failed);
        var runs = database.Services.GetRequiredService<TestJobProbe>().RunsOf(jobId);
        Assert.Equal([1, 2, 3], runs.Select(r => r.Attempt));
        Assert.Equal(3, job.Attempts);
        Assert.Equal("System.InvalidOperationException: boom job", job.LastError);
        Assert.NotNull(job.CompletedAt);
        Assert.Null(job.LeaseOwner);
    }

    [Theory]
    [BothDatabases]
    public async Task Worker_PermanentFailure_IsDeadLetteredWithoutRetry(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);
        await using var worker = TestJobs.StartWorker(database.Services);

        var jobId = await database.EnqueueAsync(TestBehaviour.FailPermanently, maxAttempts: 5);

        var job = await database.WaitForAsync(jobId, j => j.State == JobState.Failed);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("Clearline.Jobs.PermanentJobFailureException: gone job", job.LastError);
        Assert.Single(database.Services.GetRequiredService<TestJobProbe>().RunsOf(jobId));
    }

    [Theory]
    [BothDatabases]
    public async Task Worker_UnreadablePayload_IsDeadLetteredWithoutRunningTheHandler(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);
        var jobId = await database.EnqueueAsync(TestBehaviour.Succeed);
        await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Payload, "{not json"), Ct));

        await using var worker = TestJobs.StartWorker(database.Services);

        var job = await database.WaitForAsync(jobId, j => j.State is JobState.Failed or JobState.Succeeded);
        Assert.Equal(JobState.Failed, job.State);
        Assert.StartsWith("Clearline.Jobs.PermanentJobFailureException: The job's payload is not a valid TestPayload", job.LastError, StringComparison.Ordinal);
        Assert.Empty(database.Services.GetRequiredService<TestJobProbe>().RunsOf(jobId));
    }

    [Theory]
    [BothDatabases]
    public async Task Worker_Stopped_CancelsTheHandlerAndGivesTheJobBackUncounted(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);
        var worker = TestJobs.StartWorker(database.Services);
        var jobId = await database.EnqueueAsync(TestBehaviour.Block);
        await database.WaitForAsync(jobId, j => j.State == JobState.Running);

        await worker.DisposeAsync();

        var job = await database.LoadAsync(jobId);
        Assert.True(database.Services.GetRequiredService<TestJobProbe>().Cancelled.ContainsKey(jobId));
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LeaseOwner);
        Assert.Null(job.LastError);
    }

    [Theory]
    [BothDatabases]
    public async Task Worker_LeaseTakenByAnotherWorker_CancelsTheHandlerAndLeavesTheJobToIt(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?>(TestJobs.FastWorkers) { ["Workers:LeaseDuration"] = "00:00:01.200" };
        await using var database = await TestJobs.CreateDatabaseAsync(provider, settings);
        await using var worker = TestJobs.StartWorker(database.Services);
        var jobId = await database.EnqueueAsync(TestBehaviour.Block);
        await database.WaitForAsync(jobId, j => j.State == JobState.Running);

        // Another worker's claim, as if this one had stalled past its lease.
        await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, "another-worker").SetProperty(j => j.Attempts, 2), Ct));

        var probe = database.Services.GetRequiredService<TestJobProbe>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!probe.Cancelled.ContainsKey(jobId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }

        var job = await database.LoadAsync(jobId);
        Assert.Equal(JobState.Running, job.State);
        Assert.Equal("another-worker", job.LeaseOwner);
        Assert.Equal(2, job.Attempts);
    }

    [Theory]
    [BothDatabases]
    public async Task Worker_LeaseRenewalStalled_StopsTheHandlerBeforeTheLeaseRunsOut(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?>(TestJobs.FastWorkers) { ["Workers:LeaseDuration"] = "00:00:01.200" };
        await using var database = await TestJobs.CreateDatabaseAsync(provider, settings);
        await using var worker = TestJobs.StartWorker(database.Services);
        var jobId = await database.EnqueueAsync(TestBehaviour.Block);
        await database.WaitForAsync(jobId, j => j.State == JobState.Running);

        // Another connection writes the job's row and holds it: the worker's renewals wait on the lock (a slow or
        // stalled database), so the lease it holds runs out unrenewed. The handler must stop before it does.
        var probe = database.Services.GetRequiredService<TestJobProbe>();
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClearlineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.Set<Job>().Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.LastError, "held by the test"), Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (!probe.Cancelled.ContainsKey(jobId))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }

            // No other worker exists and no renewal got through: only the worker's own fence can have stopped it.
            Assert.Single(probe.RunsOf(jobId));
            await transaction.RollbackAsync(Ct);
        }
    }

    [Theory]
    [BothDatabases]
    public async Task Worker_JobOfAWorkerThatDied_IsResumedByAnotherAfterItsLease(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?>(TestJobs.FastWorkers) { ["Workers:LeaseDuration"] = "00:00:01" };
        await using var database = await TestJobs.CreateDatabaseAsync(provider, settings);
        var jobId = await database.EnqueueAsync(TestBehaviour.Succeed);
        // A worker claimed it and was killed: no heartbeat, no outcome.
        var dead = await database.InScopeAsync(sp => sp.GetRequiredService<JobLeases>().ClaimAsync([TestJobHandler.Kind], "killed-worker", TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(jobId, dead?.Job.Id);

        await using var worker = TestJobs.StartWorker(database.Services);

        var job = await database.WaitForAsync(jobId, j => j.State == JobState.Succeeded);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(2, Assert.Single(database.Services.GetRequiredService<TestJobProbe>().RunsOf(jobId)).Attempt);
    }
}
