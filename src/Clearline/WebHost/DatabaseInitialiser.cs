using Clearline.Database;

namespace Clearline.WebHost;

/// <summary>Whether the database is migrated and usable; completes once, at start-up.</summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WhenReady => _ready.Task;

    internal void MarkReady() => _ready.TrySetResult();
}

/// <summary>
/// Migrates the database at start-up, and keeps retrying while it is unreachable instead of exiting, so an
/// orchestrator does not crash-loop the process; <c>/health/ready</c> answers 503 meanwhile.
/// </summary>
public sealed class DatabaseInitialiser(IServiceScopeFactory scopes, DatabaseReadiness readiness, ILogger<DatabaseInitialiser> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The first attempt runs before the other hosted services start (this one is registered first), so
    /// nothing reads the database before it is migrated; only retries run in the background.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryMigrateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(RetryDelay, stoppingToken);
            await TryMigrateAsync(stoppingToken);
        }
    }

    private async Task TryMigrateAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            readiness.MarkReady();
        }
        catch (Exception ex) when (ex is not OperationCanceledException && IsConnectivity(ex))
        {
            logger.LogError("Database unavailable ({Reason}); retrying in {Seconds} s. /health/ready answers 503 until it is reachable",
                ex.GetBaseException().Message, RetryDelay.TotalSeconds);
        }
    }

    private static bool IsConnectivity(Exception ex) =>
        ex.GetBaseException() is System.Net.Sockets.SocketException or TimeoutException
        || ex is Npgsql.NpgsqlException { IsTransient: true }
        || ex.GetBaseException() is Npgsql.NpgsqlException { IsTransient: true };
}
