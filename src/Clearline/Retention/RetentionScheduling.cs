using Clearline.WebHost;

namespace Clearline.Retention;

/// <summary>Makes sure the daily retention job is queued once the database is ready, in every process that runs workers.</summary>
public sealed partial class RetentionScheduling(IServiceScopeFactory scopes, DatabaseReadiness readiness, ILogger<RetentionScheduling> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<RetentionSchedule>().EnsureScheduledAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed schedule must not stop the host; the next start (or a manual run) makes up for it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogNotScheduled(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily retention run could not be scheduled; the next start schedules it, and 'clearline retention run' runs it now.")]
    private static partial void LogNotScheduled(ILogger logger, Exception exception);
}
