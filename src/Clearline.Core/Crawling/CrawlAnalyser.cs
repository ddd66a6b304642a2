using Clearline.Crawling.Extraction;
using Clearline.Crawling.Fetching;
using Clearline.Hosting;
using Clearline.Media;

namespace Clearline.Crawling;

/// <summary>
/// Fetches one URL and works out what it is: media (recognised by its bytes, then hashed), a page (links and
/// <c>data:</c> URIs extracted) or neither. Touches no database, so many run at once.
/// </summary>
public sealed class CrawlAnalyser(Fetcher fetcher, HostingTracer hosting, MediaHasher hasher)
{
    public async Task<CrawlOutcome> AnalyseAsync(CrawledUrl target, CancellationToken ct)
    {
        var purpose = target.Role == UrlRole.Media ? FetchPurpose.Media : FetchPurpose.Page;
        var fetch = await fetcher.FetchAsync(new Uri(target.Url), purpose, ct);
        var trace = fetch.ServerAddress is { } address ? await hosting.TraceAsync(address, ct) : null;
        if (fetch.Error is { } error)
        {
            return Failed($"{error.Kind}: {error.Message}");
        }

        if (fetch.StatusCode is not (>= 200 and < 300))
        {
            return Failed($"HTTP {fetch.StatusCode}");
        }

        var body = fetch.Body;
        var format = MediaFormatDetector.Detect(body.Span[..Math.Min(body.Length, MediaFormatDetector.HeaderLength)]);
        if (format != MediaFormat.Unknown)
        {
            var media = new FoundMedia(body, format, hasher.Hash(body.Span), target.FoundIn);
            return new CrawlOutcome(target, fetch, trace, UrlContent.Media, null, media, [], []);
        }

        var looksLikePage = ContentSniffer.LooksLikeHtml(body.Span)
            || (fetch.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false);
        if (!looksLikePage)
        {
            return new CrawlOutcome(target, fetch, trace, UrlContent.Other, $"not a page or a recognised media format (Content-Type: {fetch.ContentType ?? "none"})", null, [], []);
        }

        if (target.Role == UrlRole.Media)
        {
            return new CrawlOutcome(target, fetch, trace, UrlContent.Page, "a page where media was expected; not followed", null, [], []);
        }

        var extracted = HtmlExtractor.Extract(body, fetch.ContentType, fetch.FinalUrl);
        var embedded = new List<FoundMedia>();
        foreach (var data in extracted.DataUris)
        {
            var dataFormat = MediaFormatDetector.Detect(data.Bytes.AsSpan(0, Math.Min(data.Bytes.Length, MediaFormatDetector.HeaderLength)));
            if (dataFormat != MediaFormat.Unknown)
            {
                embedded.Add(new FoundMedia(data.Bytes, dataFormat, hasher.Hash(data.Bytes), $"data: in {data.Source}"));
            }
        }

        return new CrawlOutcome(target, fetch, trace, UrlContent.Page, null, null, extracted.Links, embedded, extracted.Truncated);

        CrawlOutcome Failed(string reason) => new(target, fetch, trace, UrlContent.Unknown, reason, null, [], []);
    }
}
