using System.Net;
using System.Net.Sockets;
using Clearline.Crawling;
using Clearline.Crawling.Fetching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Crawling.Fetching;

/// <summary>Builds fetchers for tests: loopback allowed and short timeouts unless a test says otherwise.</summary>
internal static class FetcherKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Fetcher Create(Action<CrawlerOptions>? configure = null, IHostResolver? resolver = null, bool allowLoopback = true, TimeProvider? time = null)
    {
        var options = new CrawlerOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ReadTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(30),
        };
        if (allowLoopback)
        {
            options.AllowedNetworks.Add("127.0.0.0/8");
        }

        configure?.Invoke(options);
        return new Fetcher(Options.Create(options), resolver ?? new ScriptedResolver(), time ?? TimeProvider.System, NullLogger<Fetcher>.Instance);
    }
}

/// <summary>
/// DNS answers chosen by the test (real DNS is not available offline, and a rebinding name must change its answer).
/// Each name answers its scripted answers in turn and then repeats the last; unknown names do not resolve.
/// </summary>
internal sealed class ScriptedResolver : IHostResolver
{
    private readonly Dictionary<string, Queue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private int _calls;

    public int Calls => _calls;

    public ScriptedResolver Answer(string host, params string[][] answers)
    {
        _answers[host] = new Queue<IPAddress[]>(answers.Select(a => a.Select(IPAddress.Parse).ToArray()));
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        lock (_answers)
        {
            if (!_answers.TryGetValue(host, out var queue))
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            return Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        }
    }
}
