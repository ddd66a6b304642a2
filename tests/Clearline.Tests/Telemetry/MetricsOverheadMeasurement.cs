using System.Diagnostics;
using System.Globalization;
using Clearline.Jobs;
using Clearline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.Tests.Telemetry;

/// <summary>
/// What recording costs on the hot paths (a hash check's timing, a hashed item's count) with nobody listening and with
/// the Prometheus collector listening, side by side in one run, and what one scrape costs. A measurement, not a test of
/// speed: it runs when <c>CLEARLINE_MEASURE_METRICS</c> is set (to the number of recordings, e.g. 5000000).
/// </summary>
public sealed class MetricsOverheadMeasurement
{
    private const string Variable = "CLEARLINE_MEASURE_METRICS";

    [Fact]
    public void Recording_WithAndWithoutListener_NanosecondsPerCall()
    {
        var setting = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(setting), $"{Variable} is not set");
        var count = int.Parse(setting, CultureInfo.InvariantCulture);

        using var quiet = Services();
        var unheard = Measure(quiet.GetRequiredService<ClearlineMetrics>(), count);
        using var listened = Services();
        using var collector = new MetricsCollector(listened.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), listened.GetRequiredService<ClearlineMetrics>());
        var heard = Measure(listened.GetRequiredService<ClearlineMetrics>(), count);
        var scrape = Stopwatch.StartNew();
        const int scrapes = 1000;
        var length = 0;
        for (var i = 0; i < scrapes; i++)
        {
            length = PrometheusText.Write(collector.Collect()).Length;
        }

        scrape.Stop();
        Assert.Contains("clearline_hash_items_total " + count.ToString(CultureInfo.InvariantCulture), PrometheusText.Write(collector.Collect()), StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} x (TimeHashCheck + ItemHashed): no listener {unheard:F1} ns, collector listening {heard:F1} ns ({heard / unheard:F2}x); one scrape {scrape.Elapsed.TotalMicroseconds / scrapes:F1} µs, {length} bytes; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    private static double Measure(ClearlineMetrics metrics, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using (metrics.TimeHashCheck())
            {
                metrics.ItemHashed();
            }
        }

        return clock.Elapsed.TotalNanoseconds / count;
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.None));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobHandlers>();
        services.AddTelemetry();
        return services.BuildServiceProvider();
    }
}
