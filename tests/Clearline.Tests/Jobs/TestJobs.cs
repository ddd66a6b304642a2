using System.Collections.Concurrent;
using Clearline.Database;
using Clearline.Jobs;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Jobs;

/// <summary>What the test handler does with a job.</summary>
public enum TestBehaviour
{
    Succeed,
    Fail,
    FailPermanently,

    /// <summary>Runs until its token is cancelled (shutdown or a lost lease).</summary>
    Block,
}

public sealed record TestPayload(string Name, TestBehaviour Behaviour);

/// <summary>One execution seen by the test handler.</summary>
public sealed record TestRun(Guid JobId, int Attempt, string Name, bool ActedAsSystem);

/// <summary>What the test handler saw, shared by the test and the worker.</summary>
public sealed class TestJobProbe
{
    public ConcurrentQueue<TestRun> Runs { get; } = new();

    public ConcurrentDictionary<Guid, bool> Cancelled { get; } = new();

    public IReadOnlyList<TestRun> RunsOf(Guid jobId) => [.. Runs.Where(r => r.JobId == jobId)];
}

/// <summary>A handler driven by its payload, so each test decides what its job does.</summary>
public sealed class TestJobHandler(TestJobProbe probe, TenantContext tenant) : IJobHandler<TestPayload>
{
    public const string Kind = "test";

    public async Task HandleAsync(TestPayload payload, JobContext context, CancellationToken cancellationToken)
    {
        probe.Runs.Enqueue(new TestRun(context.JobId, context.Attempt, payload.Name, tenant.IsSystem));
        switch (payload.Behaviour)
        {
            case TestBehaviour.Succeed:
                return;
            case TestBehaviour.Fail:
                throw new InvalidOperationException($"boom {payload.Name}");
            case TestBehaviour.FailPermanently:
                throw new PermanentJobFailureException($"gone {payload.Name}");
            case TestBehaviour.Block:
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    probe.Cancelled[context.JobId] = true;
                    throw;
                }

                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(payload));
        }
    }
}

/// <summary>Sets up a test database with the job services, the test handler and fast worker settings.</summary>
public static class TestJobs
{
    public static readonly Dictionary<string, string?> FastWorkers = new()
    {
        ["Workers:PollInterval"] = "00:00:00.050",
        ["Workers:RetryBaseDelay"] = "00:00:00.010",
        ["Workers:MaxRetryDelay"] = "00:00:00.100",
    };

    public static Task<TestDatabase> CreateDatabaseAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null) =>
        TestDatabase.CreateAsync(provider, settings ?? FastWorkers, AddTestJobs);

    public static void AddTestJobs(IServiceCollection services)
    {
        services.AddJobs();
        services.AddSingleton<TestJobProbe>();
        services.AddJobHandler<TestJobHandler, TestPayload>(TestJobHandler.Kind);
    }

    /// <summary>Enqueues and saves one test job, as a feature would in its own unit of work.</summary>
    public static Task<Guid> EnqueueAsync(this TestDatabase database, TestBehaviour behaviour, int? maxAttempts = null, Guid? organisationId = null) =>
        database.InScopeAsync(async sp =>
        {
            var job = sp.GetRequiredService<JobQueue>().Enqueue(TestJobHandler.Kind, new TestPayload("job", behaviour), organisationId, maxAttempts: maxAttempts);
            await sp.GetRequiredService<ClearlineDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
            return job.Id;
        });

    public static Task<Job> LoadAsync(this TestDatabase database, Guid jobId) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Job>().AsNoTracking().SingleAsync(j => j.Id == jobId));

    /// <summary>Polls until the job satisfies <paramref name="condition"/>; fails after a generous bound.</summary>
    public static async Task<Job> WaitForAsync(this TestDatabase database, Guid jobId, Func<Job, bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await database.LoadAsync(jobId);
            if (condition(job))
            {
                return job;
            }

            Assert.False(timeout.IsCancellationRequested, $"Job {jobId} never reached the expected state; it is {job.State} after {job.Attempts} attempts ({job.LastError}).");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Runs the real worker of <paramref name="services"/> until the returned handle is disposed.</summary>
    public static RunningWorker StartWorker(IServiceProvider services) => new(services.GetRequiredService<JobWorker>());
}

/// <summary>A <see cref="JobWorker"/> running in the background of a test; disposing stops it like a host shutdown.</summary>
public sealed class RunningWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;

    public RunningWorker(JobWorker worker)
    {
        Worker = worker;
        _run = Task.Run(() => worker.RunAsync(_stopping.Token));
    }

    public JobWorker Worker { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(60));
        _stopping.Dispose();
    }
}
