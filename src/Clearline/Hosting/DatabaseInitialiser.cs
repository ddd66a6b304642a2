using Clearline.Database;
using Clearline.Tenancy;

namespace Clearline.Hosting;

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(stoppingToken);
                readiness.MarkReady();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && IsConnectivity(ex))
            {
                logger.LogError("Database unavailable ({Reason}); retrying in {Seconds} s. /health/ready answers 503 until it is reachable",
                    ex.GetBaseException().Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private static bool IsConnectivity(Exception ex) =>
        ex.GetBaseException() is System.Net.Sockets.SocketException or TimeoutException
        || ex is Npgsql.NpgsqlException { IsTransient: true }
        || ex.GetBaseException() is Npgsql.NpgsqlException { IsTransient: true };
}
