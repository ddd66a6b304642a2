using System.Globalization;
using System.Text;

namespace Clearline.Telemetry;

/// <summary>Writes collected instruments in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IReadOnlyList<InstrumentSnapshot> instruments)
    {
        var text = new StringBuilder();
        foreach (var instrument in instruments.OrderBy(i => MetricName(i), StringComparer.Ordinal))
        {
            var name = MetricName(instrument);
            if (instrument.Instrument.Description is { Length: > 0 } description)
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            }

            text.Append("# TYPE ").Append(name).Append(' ').Append(instrument.Type switch
            {
                MetricType.Counter => "counter",
                MetricType.Histogram => "histogram",
                MetricType.Gauge => "gauge",
                _ => throw new ArgumentOutOfRangeException(nameof(instruments), instrument.Type, "Unknown metric type."),
            }).Append('\n');
            foreach (var series in instrument.Series)
            {
                if (instrument.Type == MetricType.Histogram)
                {
                    WriteHistogram(text, name, instrument.Bounds, series);
                }
                else
                {
                    text.Append(name).Append(series.Labels).Append(' ').Append(Number(series.Value)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The instrument's name with characters Prometheus does not allow replaced (<c>http.server.request.duration</c>
    /// becomes <c>http_server_request_duration</c>), a <c>_seconds</c> suffix for durations and <c>_total</c> for counters
    /// unless the name has them already (Clearline's names do).
    /// </summary>
    public static string MetricName(InstrumentSnapshot instrument)
    {
        var name = Name(instrument.Instrument.Name);
        if (instrument.Instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
        {
            name += "_seconds";
        }

        return instrument.Type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>A metric or label name: letters, digits and underscores, not starting with a digit.</summary>
    public static string Name(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetter(chars[i]) || chars[i] == '_' || (char.IsAsciiDigit(chars[i]) && i > 0)))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    public static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void WriteHistogram(StringBuilder text, string name, IReadOnlyList<double> bounds, SeriesSnapshot series)
    {
        // Buckets are cumulative in the exposition: each counts every value at or below its bound.
        var inner = series.Labels.Length == 0 ? "" : series.Labels[1..^1] + ",";
        long cumulative = 0;
        for (var i = 0; i <= bounds.Count; i++)
        {
            cumulative += series.BucketCounts[i];
            var bound = i < bounds.Count ? Number(bounds[i]) : "+Inf";
            text.Append(name).Append("_bucket{").Append(inner).Append("le=\"").Append(bound).Append("\"} ").Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append(name).Append("_sum").Append(series.Labels).Append(' ').Append(Number(series.Sum)).Append('\n');
        text.Append(name).Append("_count").Append(series.Labels).Append(' ').Append(series.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
