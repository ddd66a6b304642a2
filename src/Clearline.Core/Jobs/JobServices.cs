using Clearline.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearline.Jobs;

public static class JobServices
{
    /// <summary>The queue (for features that enqueue) and the worker engine (run by a host that wants workers).</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSectionOptions<WorkerOptions>();
        services.TryAddSingleton<JobSignal>();
        services.TryAddSingleton<JobHandlers>();
        services.TryAddScoped<JobQueue>();
        services.TryAddScoped<JobQueries>();
        services.TryAddScoped<JobLeases>();
        services.TryAddSingleton<JobWorker>();
        return services;
    }

    /// <summary>Runs jobs of <paramref name="kind"/> with <typeparamref name="THandler"/>, resolved in a new scope per execution.</summary>
    public static IServiceCollection AddJobHandler<THandler, TPayload>(this IServiceCollection services, string kind)
        where THandler : class, IJobHandler<TPayload>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (kind.Length > Job.KindMaxLength)
        {
            throw new ArgumentException($"A job kind has at most {Job.KindMaxLength} characters.", nameof(kind));
        }

        services.TryAddScoped<THandler>();
        services.AddSingleton(new JobHandlerRegistration(kind, (scope, json, context, ct) =>
            scope.GetRequiredService<THandler>().HandleAsync(JobPayload.Deserialize<TPayload>(json), context, ct)));
        return services;
    }
}
