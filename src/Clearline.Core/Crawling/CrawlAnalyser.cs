using System.Runtime.InteropServices;
using Clearline.Crawling.Extraction;
using Clearline.Crawling.Fetching;
using Clearline.Hosting;
using Clearline.Storage;
using Clearline.Telemetry;

namespace Clearline.Crawling;

/// <summary>
/// Fetches one URL and works out what it is: media (recognised by its bytes, then hashed), a page (links and
/// <c>data:</c> URIs extracted) or neither; then seals the evidence, the page and the media for storage. Touches
/// no database, so many run at once.
/// </summary>
public sealed class CrawlAnalyser(Fetcher fetcher, HostingTracer hosting, MediaHasher hasher, BlobSealer sealer, ClearlineMetrics metrics) : IDisposable
{
    /// <summary>Decoding is CPU-bound: one per core keeps caches warm while many fetches wait on the network.</summary>
    private readonly SemaphoreSlim _decoders = new(Environment.ProcessorCount);

    /// <summary>
    /// Fetches and analyses <paramref name="target"/>, sending <paramref name="credentials"/> where their origin allows,
    /// on a connection of the crawl's <paramref name="connections"/> when one is free.
    /// </summary>
    public async Task<CrawlOutcome> AnalyseAsync(CrawledUrl target, OriginCredentials? credentials, FetchConnections? connections, CancellationToken ct)
    {
        var purpose = target.Role == UrlRole.Media ? FetchPurpose.Media : FetchPurpose.Page;
        var fetch = await fetcher.FetchAsync(new Uri(target.Url), purpose, credentials, connections, ct);
        metrics.CrawlPageFetched();
        var trace = fetch.ServerAddress is { } address ? await hosting.TraceAsync(address, ct) : null;
        var evidence = await sealer.SealAsync(new MemoryStream(FetchEvidence.From(fetch).ToJson()), ct);
        if (fetch.Error is { } error)
        {
            return Failed($"{error.Kind}: {error.Message}");
        }

        if (fetch.StatusCode is not (>= 200 and < 300))
        {
            return Failed($"HTTP {fetch.StatusCode}");
        }

        var body = fetch.Body;
        if (await AnalyseMediaAsync(body, target.FoundIn, ct) is { } media)
        {
            return new CrawlOutcome(target, fetch, evidence, null, trace, UrlContent.Media, null, media, [], []);
        }

        var looksLikePage = ContentSniffer.LooksLikeHtml(body.Span)
            || (fetch.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false);
        if (!looksLikePage)
        {
            return new CrawlOutcome(target, fetch, evidence, null, trace, UrlContent.Other,
                $"not a page or a recognised media format (Content-Type: {fetch.ContentType ?? "none"})", null, [], []);
        }

        if (target.Role == UrlRole.Media)
        {
            return new CrawlOutcome(target, fetch, evidence, null, trace, UrlContent.Page, "a page where media was expected; not followed", null, [], []);
        }

        var extracted = HtmlExtractor.Extract(body, fetch.ContentType, fetch.FinalUrl);
        var embedded = new List<FoundMedia>();
        foreach (var data in extracted.DataUris)
        {
            if (await AnalyseMediaAsync(data.Bytes, $"data: in {data.Source}", ct) is { } found)
            {
                embedded.Add(found);
            }
        }

        var page = await SealAsync(body, ct);
        return new CrawlOutcome(target, fetch, evidence, page, trace, UrlContent.Page, null, null, extracted.Links, embedded, extracted.Truncated);

        CrawlOutcome Failed(string reason) => new(target, fetch, evidence, null, trace, UrlContent.Unknown, reason, null, [], []);
    }

    /// <summary>Hashes and seals <paramref name="bytes"/> when their magic numbers say image or video; otherwise null.</summary>
    private async Task<FoundMedia?> AnalyseMediaAsync(ReadOnlyMemory<byte> bytes, string? foundIn, CancellationToken ct)
    {
        var format = MediaFormatDetector.Detect(bytes.Span[..Math.Min(bytes.Length, MediaFormatDetector.HeaderLength)]);
        if (format == MediaFormat.Unknown)
        {
            return null;
        }

        MediaHashResult hashes;
        await _decoders.WaitAsync(ct);
        try
        {
            hashes = hasher.Hash(bytes.Span);
            metrics.ItemHashed();
        }
        finally
        {
            _decoders.Release();
        }

        return new FoundMedia(await SealAsync(bytes, ct), format, hashes, foundIn);
    }

    public void Dispose() => _decoders.Dispose();

    private Task<SealedBlob> SealAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        return sealer.SealAsync(stream, ct);
    }
}
