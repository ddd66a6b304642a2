using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Clearline.Telemetry;

/// <summary>
/// <c>GET /metrics</c> for Prometheus on a port of its own (<see cref="MetricsOptions.Port"/>), in <c>serve</c> and in
/// <c>worker</c> alike: a small server of its own, so the web port never answers it and a worker, which serves
/// nothing else, exports too.
/// </summary>
/// <remarks>
/// No authentication: the port is opt-in and bound to loopback by default (see <see cref="MetricsOptions"/>); what it
/// shows is counts, durations and job kinds, never content, URLs, hashes or who asked.
/// </remarks>
public sealed class MetricsEndpoint(MetricsCollector collector, ClearlineMetrics metrics, IOptions<MetricsOptions> options, ILogger<MetricsEndpoint> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;

    /// <summary>Where the endpoint listens, once started (the real port when <see cref="MetricsOptions.Port"/> is 0).</summary>
    public Uri? Url { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.BindAddress), settings.Port));
        _server = builder.Build();
        _server.Run(ServeAsync);
        await _server.StartAsync(cancellationToken);
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(new Uri(address), "/metrics");
        logger.LogInformation("Metrics for Prometheus at {MetricsUrl}", Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.Request.Path.Equals("/metrics", StringComparison.Ordinal) || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        try
        {
            await metrics.RefreshQueueDepthsAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be restarting: the other metrics still matter, and the queue gauge keeps its last reading.
            logger.LogWarning(ex, "Reading the job queue depths for a scrape failed");
        }

        context.Response.ContentType = PrometheusText.ContentType;
        await context.Response.WriteAsync(PrometheusText.Write(collector.Collect()), context.RequestAborted);
    }
}

public static class MetricsEndpointServices
{
    /// <summary>Adds the metrics port when <c>Metrics:Enabled</c> is true; otherwise nothing listens for metrics.</summary>
    public static IServiceCollection AddMetricsEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue($"{MetricsOptions.Section}:{nameof(MetricsOptions.Enabled)}", false))
        {
            return services;
        }

        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<MetricsEndpoint>();
        return services.AddHostedService(sp => sp.GetRequiredService<MetricsEndpoint>());
    }
}
