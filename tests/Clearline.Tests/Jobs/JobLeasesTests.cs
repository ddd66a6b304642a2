using Clearline.Database;
using Clearline.Jobs;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.Jobs;

/// <summary>Claiming and leases on a controlled clock.</summary>
public sealed class JobLeasesTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly string[] Kinds = [TestJobHandler.Kind];

    // Whole seconds: PostgreSQL keeps microseconds, so a clock with finer ticks would not round-trip.
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Claim_ExpiredLease_IsClaimedAgainAndTheOldHolderIsFencedOff(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(Start);
        await using var database = await CreateAsync(provider, clock);
        var jobId = await database.EnqueueAsync(TestBehaviour.Succeed);

        var first = await ClaimAsync(database, "worker-a");
        Assert.Equal(jobId, first?.Job.Id);
        Assert.Equal(1, first!.Attempt);
        Assert.Null(await ClaimAsync(database, "worker-b"));

        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var second = await ClaimAsync(database, "worker-b");

        Assert.Equal(jobId, second?.Job.Id);
        Assert.Equal(2, second!.Attempt);
        Assert.False(await database.InScopeAsync(sp => sp.GetRequiredService<JobLeases>().SucceedAsync(first, Ct)));
        Assert.False(await database.InScopeAsync(sp => sp.GetRequiredService<JobLeases>().RenewAsync(first, Lease, Ct)));
        Assert.True(await database.InScopeAsync(sp => sp.GetRequiredService<JobLeases>().SucceedAsync(second, Ct)));
        var job = await database.LoadAsync(jobId);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(clock.GetUtcNow(), job.CompletedAt);
    }

    [Theory]
    [BothDatabases]
    public async Task Claim_RetryLater_IsNotClaimableBeforeItsDelay(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(Start);
        await using var database = await CreateAsync(provider, clock);
        var jobId = await database.EnqueueAsync(TestBehaviour.Fail);
        var claim = await ClaimAsync(database, "worker-a");

        Assert.True(await database.InScopeAsync(sp => sp.GetRequiredService<JobLeases>().RetryLaterAsync(claim!, "System.Exception: first", TimeSpan.FromSeconds(30), Ct)));

        Assert.Null(await ClaimAsync(database, "worker-a"));
        clock.Advance(TimeSpan.FromSeconds(30));
        var again = await ClaimAsync(database, "worker-a");
        Assert.Equal(jobId, again?.Job.Id);
        Assert.Equal(2, again!.Attempt);
        Assert.Equal("System.Exception: first", again.Job.LastError);
    }

    [Theory]
    [BothDatabases]
    public async Task Claim_FutureRunAfterOrOtherKind_IsNotClaimed(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(Start);
        await using var database = await CreateAsync(provider, clock);
        await database.InScopeAsync(async sp =>
        {
            var queue = sp.GetRequiredService<JobQueue>();
            queue.Enqueue(TestJobHandler.Kind, new TestPayload("later", TestBehaviour.Succeed), runAfter: clock.GetUtcNow().AddMinutes(5));
            queue.Enqueue("someone-elses-kind", new TestPayload("other", TestBehaviour.Succeed));
            await sp.GetRequiredService<ClearlineDbContext>().SaveChangesAsync(Ct);
        });

        Assert.Null(await ClaimAsync(database, "worker-a"));
        clock.Advance(TimeSpan.FromMinutes(5));
        var claim = await ClaimAsync(database, "worker-a");
        Assert.Contains("later", claim?.Job.Payload, StringComparison.Ordinal);
        Assert.Null(await ClaimAsync(database, "worker-a"));
    }

    /// <summary>Many claimers at once never take the same job twice, and leave none behind.</summary>
    [Theory]
    [BothDatabases]
    public async Task Claim_FourConcurrentClaimers_ClaimEachJobExactlyOnce(DatabaseProvider provider)
    {
        await using var database = await TestJobs.CreateDatabaseAsync(provider);
        var expected = await database.InScopeAsync(async sp =>
        {
            var queue = sp.GetRequiredService<JobQueue>();
            var ids = Enumerable.Range(0, 200).Select(i => queue.Enqueue(TestJobHandler.Kind, new TestPayload($"job {i}", TestBehaviour.Succeed)).Id).ToHashSet();
            await sp.GetRequiredService<ClearlineDbContext>().SaveChangesAsync(Ct);
            return ids;
        });

        var claimers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var claimed = new List<Guid>();
            while (await ClaimAsync(database, $"claimer-{i}") is { } claim)
            {
                claimed.Add(claim.Job.Id);
            }

            return claimed;
        }, Ct));
        var all = (await Task.WhenAll(claimers)).SelectMany(c => c).ToList();

        Assert.Equal(200, all.Count);
        Assert.Equal(expected, all.ToHashSet());
        var running = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().CountAsync(j => j.State == JobState.Running && j.Attempts == 1, Ct));
        Assert.Equal(200, running);
    }

    private static Task<TestDatabase> CreateAsync(DatabaseProvider provider, FakeTimeProvider clock) =>
        TestDatabase.CreateAsync(provider, TestJobs.FastWorkers, services =>
        {
            TestJobs.AddTestJobs(services);
            services.AddSingleton<TimeProvider>(clock);
        });

    private static Task<JobClaim?> ClaimAsync(TestDatabase database, string owner) =>
        database.InScopeAsync(sp => sp.GetRequiredService<JobLeases>().ClaimAsync(Kinds, owner, Lease, Ct));
}
