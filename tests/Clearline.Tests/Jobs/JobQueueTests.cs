using Clearline.Database;
using Clearline.Jobs;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Jobs;

public sealed class JobQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Enqueue_TransactionRolledBack_LeavesNoJob(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);

        var jobId = await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var job = sp.GetRequiredService<JobQueue>().Enqueue(TestJobHandler.Kind, new TestPayload("rolled back", TestBehaviour.Succeed));
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
            return job.Id;
        });

        var count = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().CountAsync(j => j.Id == jobId, Ct));
        Assert.Equal(0, count);
    }

    [Theory]
    [BothDatabases]
    public async Task Enqueue_Saved_IsQueuedWithPayloadAndDefaults(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);
        var organisationId = Guid.NewGuid();

        var jobId = await database.EnqueueAsync(TestBehaviour.Succeed, organisationId: organisationId);

        var job = await database.LoadAsync(jobId);
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(TestJobHandler.Kind, job.Kind);
        Assert.Equal("""{"name":"job","behaviour":0}""", job.Payload);
        Assert.Equal(0, job.Attempts);
        Assert.Equal(new WorkerOptions().MaxAttempts, job.MaxAttempts);
        Assert.Equal(organisationId, job.OrganisationId);
        Assert.Null(job.LeaseOwner);
    }

    [Fact]
    public async Task Enqueue_InvalidMaxAttempts_IsRefused()
    {
        await using var database = await TestJobs.CreateDatabaseAsync(DatabaseProvider.Sqlite);

        await database.InScopeAsync(sp =>
        {
            var queue = sp.GetRequiredService<JobQueue>();
            Assert.Throws<ArgumentOutOfRangeException>(() => queue.Enqueue(TestJobHandler.Kind, new TestPayload("x", TestBehaviour.Succeed), maxAttempts: 0));
            Assert.Throws<ArgumentException>(() => queue.Enqueue(" ", new TestPayload("x", TestBehaviour.Succeed)));
            return Task.CompletedTask;
        });
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, 4.0)]
    [InlineData(4, 16.0)]
    public void Backoff_DoublesPerAttempt_WithUpToHalfAgainJitter(int attempt, double seconds)
    {
        var baseDelay = TimeSpan.FromSeconds(2);
        var max = TimeSpan.FromMinutes(10);

        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Delay(attempt, baseDelay, max, jitter: 0));
        Assert.Equal(TimeSpan.FromSeconds(seconds * 1.25), RetryBackoff.Delay(attempt, baseDelay, max, jitter: 0.5));
    }

    [Fact]
    public void Backoff_ManyAttempts_IsCapped()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), RetryBackoff.Delay(60, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), jitter: 0.99));
    }
}
