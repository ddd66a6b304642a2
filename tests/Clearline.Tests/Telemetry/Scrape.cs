using System.Globalization;
using System.Net;

namespace Clearline.Tests.Telemetry;

/// <summary>A scrape of the metrics endpoint, read back into series (<c>name{labels}</c>) and values.</summary>
internal sealed record Scrape(string Text, IReadOnlyDictionary<string, double> Series)
{
    public static async Task<Scrape> ReadAsync(Uri url)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var series = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => (Name: line[..line.LastIndexOf(' ')], Value: double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        return new Scrape(text, series);
    }

    public double this[string series] => Series.TryGetValue(series, out var value) ? value : throw new Xunit.Sdk.XunitException($"No series {series} in:\n{Text}");
}
