using Clearline.Crawling.Extraction;
using Clearline.Crawling.Fetching;
using Clearline.Hosting;
using Clearline.Storage;

namespace Clearline.Crawling;

/// <summary>Media found in a crawl: what hashing learned from the bytes, and the bytes sealed for storage.</summary>
public sealed record FoundMedia(SealedBlob Blob, MediaFormat Format, MediaHashResult Hashes, string? FoundIn);

/// <summary>What fetching and analysing one URL produced, before anything is stored.</summary>
/// <param name="Target">The frontier entry that was fetched.</param>
/// <param name="Fetch">The fetch.</param>
/// <param name="Evidence">The fetch's evidence record, sealed for storage.</param>
/// <param name="Body">A page's body, sealed for storage.</param>
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
    SealedBlob Evidence,
    SealedBlob? Body,
    HostingTrace? Hosting,
    UrlContent Content,
    string? Error,
    FoundMedia? Media,
    IReadOnlyList<ExtractedLink> Links,
    IReadOnlyList<FoundMedia> EmbeddedMedia,
    string? LinksTruncated = null) : IAsyncDisposable
{
    /// <summary>The media at this URL and those embedded in it as <c>data:</c> URIs.</summary>
    public IEnumerable<FoundMedia> AllMedia => Media is null ? EmbeddedMedia : EmbeddedMedia.Prepend(Media);

    /// <summary>Every blob sealed for this URL: evidence, page body, media.</summary>
    public IEnumerable<SealedBlob> Blobs =>
        new[] { Evidence, Body }.OfType<SealedBlob>().Concat(AllMedia.Select(m => m.Blob));

    /// <summary>Deletes whatever sealed blobs were not published.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var blob in Blobs)
        {
            await blob.DisposeAsync();
        }
    }
}
