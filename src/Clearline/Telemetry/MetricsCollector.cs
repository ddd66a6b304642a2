using System.Diagnostics.Metrics;

namespace Clearline.Telemetry;

/// <summary>
/// Listens to this host's instruments (Clearline's own and ASP.NET Core's request metrics) and aggregates them the
/// way Prometheus reads them: counters as running totals, histograms as cumulative buckets, gauges as their last
/// value. <see cref="Collect"/> reads everything at once for a scrape.
/// </summary>
/// <remarks>
/// A meter is listened to only when it was made by this host's <see cref="IMeterFactory"/>: several hosts in one
/// process (the tests, or <c>serve</c> beside an embedded worker) never mix their figures.
/// </remarks>
public sealed class MetricsCollector : IDisposable
{
    private static readonly HashSet<string> _meters = [ClearlineMetrics.MeterName, "Microsoft.AspNetCore.Hosting"];

    private readonly MeterListener _listener = new();
    private readonly IMeterFactory _factory;
    private readonly List<InstrumentSeries> _instruments = [];
    private readonly Lock _collecting = new();

    public MetricsCollector(IMeterFactory factory, ClearlineMetrics metrics)
    {
        _factory = factory;
        _listener.InstrumentPublished = Publish;
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();

        // Clearline's instruments are created with their holder: asking for it here lets the first scrape show them at zero.
        GC.KeepAlive(metrics);
    }

    /// <summary>Every listened instrument with its series, observable instruments read now.</summary>
    public IReadOnlyList<InstrumentSnapshot> Collect()
    {
        lock (_collecting)
        {
            List<InstrumentSeries> instruments;
            lock (_instruments)
            {
                instruments = [.. _instruments];
            }

            foreach (var instrument in instruments.Where(i => i.Instrument.IsObservable))
            {
                instrument.Clear();
            }

            _listener.RecordObservableInstruments();
            return [.. instruments.Select(i => i.Snapshot())];
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!_meters.Contains(instrument.Meter.Name) || !ReferenceEquals(instrument.Meter.Scope, _factory))
        {
            return;
        }

        var series = new InstrumentSeries(instrument, instrument.Meter.Name == ClearlineMetrics.MeterName);
        lock (_instruments)
        {
            _instruments.Add(series);
        }

        listener.EnableMeasurementEvents(instrument, series);
    }
}
