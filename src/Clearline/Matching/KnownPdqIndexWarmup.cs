using Clearline.WebHost;

namespace Clearline.Matching;

/// <summary>
/// Builds this process's <see cref="KnownPdqIndex"/> as soon as the database is ready, so that the first match or
/// hash check does not wait for it (at 10 million hashes, tens of seconds). A failure is logged, and the index is
/// then built by the first lookup instead.
/// </summary>
public sealed partial class KnownPdqIndexWarmup(
    IServiceScopeFactory scopes, DatabaseReadiness readiness, ILogger<KnownPdqIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<KnownMaterialMatcher>().WarmUpAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed warm-up only delays the build to the first lookup, which reports its own error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building the known-material PDQ index at start-up failed; the first lookup will build it.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
