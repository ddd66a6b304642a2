using Clearline.Crawling.Extraction;
using Clearline.Crawling.Fetching;
using Clearline.Hosting;
using Clearline.Media;

namespace Clearline.Crawling;

/// <summary>Media bytes found in a crawl, with what hashing learned from them.</summary>
public sealed record FoundMedia(ReadOnlyMemory<byte> Bytes, MediaFormat Format, MediaHashResult Hashes, string? FoundIn);

/// <summary>What fetching and analysing one URL produced, before anything is stored.</summary>
/// <param name="Target">The frontier entry that was fetched.</param>
/// <param name="Fetch">The fetch and its evidence.</param>
/// <param name="Hosting">Where the answering server is, when one answered.</param>
/// <param name="Content">What the bytes turned out to be.</param>
/// <param name="Error">Why the URL yielded nothing, or null.</param>
/// <param name="Media">The media item at this URL, or null.</param>
/// <param name="Links">Links found on a page.</param>
/// <param name="EmbeddedMedia">Media decoded from the page's <c>data:</c> URIs.</param>
/// <param name="LinksTruncated">Why extraction stopped short on a page with too many links, or null.</param>
public sealed record CrawlOutcome(
    CrawledUrl Target,
    FetchResult Fetch,
    HostingTrace? Hosting,
    UrlContent Content,
    string? Error,
    FoundMedia? Media,
    IReadOnlyList<ExtractedLink> Links,
    IReadOnlyList<FoundMedia> EmbeddedMedia,
    string? LinksTruncated = null);
