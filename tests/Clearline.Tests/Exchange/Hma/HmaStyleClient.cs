using System.Text;
using System.Text.Json;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Exchange.Hma;

/// <summary>
/// Calls Clearline as a partner's HMA client calls HMA: <c>GET</c> on the instance's base URL plus HMA's own paths
/// (<c>/m/raw_lookup</c>, <c>/c/banks</c>, …), its parameters URL-encoded as Python's <c>requests</c> writes them
/// (a Python <c>True</c> is the text <c>True</c>), with the partner's Clearline key as its bearer token. Only the base
/// URL is Clearline's.
/// </summary>
internal sealed class HmaStyleClient(HttpClient http) : IDisposable
{
    /// <summary>What the partner configures as the HMA instance's address.</summary>
    public const string BaseUrl = "/api/v1/compat/hma";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, object Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            var text = value switch
            {
                true => "True",
                false => "False",
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
            };
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text));
        }

        return http.GetAsync(new Uri(BaseUrl + path + query, UriKind.Relative), Ct);
    }

    /// <summary>The JSON of a successful answer (<c>resp.json</c>); a failure shows the body.</summary>
    public async Task<JsonElement> JsonAsync(string path, params (string Name, object Value)[] parameters) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await GetAsync(path, parameters))).RootElement;

    /// <summary><c>raw_lookup</c>'s matches without distances: the entry ids.</summary>
    public async Task<long[]> RawLookupIdsAsync(string signalType, string signal, string? banks = null)
    {
        var json = await JsonAsync("/m/raw_lookup", [("signal_type", signalType), ("signal", signal), .. banks is null ? [] : new[] { ("banks", (object)banks) }]);
        return [.. json.GetProperty("matches").EnumerateArray().Select(m => m.GetInt64()).Order()];
    }

    /// <summary>
    /// A <c>local_file</c> as python-threatexchange's <c>LocalFileSignalExchangeAPI.fetch_iter</c> reads it: each line
    /// stripped, split at its first space into type and signal unless the collaboration names the type.
    /// </summary>
    public static IReadOnlyList<(string Type, string Signal)> ReadLocalFile(string text, string? signalType = null) =>
        [.. text.Split('\n').Select(l => l.Trim()).Select(line =>
        {
            if (signalType is not null)
            {
                return (signalType, line);
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
        }).Where(s => s.Item1.Length > 0 && s.Item2.Length > 0)];

    public void Dispose() => http.Dispose();
}
