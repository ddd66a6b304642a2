using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Clearline.Telemetry;

/// <summary>How Prometheus reads an instrument.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>One series at scrape time: its labels (already in exposition form) and its value or buckets.</summary>
public sealed record SeriesSnapshot(string Labels, double Value, IReadOnlyList<long> BucketCounts, double Sum, long Count);

/// <summary>One instrument at scrape time.</summary>
public sealed record InstrumentSnapshot(Instrument Instrument, MetricType Type, IReadOnlyList<double> Bounds, IReadOnlyList<SeriesSnapshot> Series);

/// <summary>The series of one instrument, by label set, aggregated as measurements arrive.</summary>
internal sealed class InstrumentSeries
{
    /// <summary>Prometheus's own defaults, for histograms that give no advice.</summary>
    private static readonly double[] _defaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Dictionary<string, Values> _series = new(StringComparer.Ordinal);
    private readonly MetricType _type;
    private readonly bool _sums;
    private readonly double[] _bounds;

    public InstrumentSeries(Instrument instrument, bool showZero)
    {
        Instrument = instrument;
        var definition = instrument.GetType().GetGenericTypeDefinition();
        _type = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricType.Counter
            : definition == typeof(Histogram<>) ? MetricType.Histogram
            : MetricType.Gauge;

        // Counters and up-down counters report changes; observable instruments and gauges report the value itself.
        _sums = definition == typeof(Counter<>) || definition == typeof(UpDownCounter<>);
        _bounds = _type == MetricType.Histogram ? Bounds(instrument) : [];
        if (showZero && !instrument.IsObservable)
        {
            // A counter that has counted nothing yet is still a series at 0: rate() and alerts see it from the start.
            _series[""] = new Values(_bounds.Length + 1);
        }
    }

    public Instrument Instrument { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = tags.IsEmpty ? "" : Labels(tags);
        lock (_series)
        {
            if (!_series.TryGetValue(labels, out var values))
            {
                values = new Values(_bounds.Length + 1);
                _series[labels] = values;
            }

            if (_type == MetricType.Histogram)
            {
                var bucket = Array.BinarySearch(_bounds, value);
                values.Buckets[bucket >= 0 ? bucket : ~bucket]++;
                values.Sum += value;
                values.Count++;
            }
            else
            {
                values.Value = _sums ? values.Value + value : value;
            }
        }
    }

    public void Clear()
    {
        lock (_series)
        {
            _series.Clear();
        }
    }

    public InstrumentSnapshot Snapshot()
    {
        lock (_series)
        {
            var series = _series.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new SeriesSnapshot(s.Key, s.Value.Value, [.. s.Value.Buckets], s.Value.Sum, s.Value.Count))
                .ToList();
            return new InstrumentSnapshot(Instrument, _type, _bounds, series);
        }
    }

    /// <summary>Labels sorted by name, so the same tags in another order are the same series.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(text.Length == 0 ? '{' : ',')
                .Append(PrometheusText.Name(key)).Append("=\"")
                .Append(PrometheusText.EscapeLabel(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('"');
        }

        return text.Append('}').ToString();
    }

    private static double[] Bounds(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised],
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised.Select(b => (double)b)],
        _ => _defaultBounds,
    };

    private sealed class Values(int buckets)
    {
        public double Value { get; set; }

        public long[] Buckets { get; } = new long[buckets];

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
