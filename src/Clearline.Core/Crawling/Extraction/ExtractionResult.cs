namespace Clearline.Crawling.Extraction;

/// <summary>What an extracted link leads to, which decides how the crawler treats it.</summary>
public enum LinkKind
{
    /// <summary>A page to follow within the crawl's scope and depth.</summary>
    Page,

    /// <summary>An image or video to fetch wherever it is hosted; its bytes decide whether it is media.</summary>
    Media,
}

/// <summary>One URL found in a page.</summary>
/// <param name="Url">Absolute, normalised (<see cref="CrawlUrl.Normalise"/>) http(s) URL.</param>
/// <param name="Kind">Whether it is followed as a page or fetched as media.</param>
/// <param name="Source">Where it was found, e.g. <c>img@src</c>, <c>img@srcset</c>, <c>style url()</c>, <c>meta og:image</c>.</param>
public sealed record ExtractedLink(Uri Url, LinkKind Kind, string Source);

/// <summary>The decoded content of a <c>data:</c> URI, which carries media inline rather than by link.</summary>
/// <param name="Bytes">The decoded bytes.</param>
/// <param name="DeclaredType">The media type the URI declares (e.g. <c>image/png</c>), or null; a claim, not a fact.</param>
/// <param name="Source">Where it was found, as in <see cref="ExtractedLink.Source"/>.</param>
public sealed record ExtractedData(byte[] Bytes, string? DeclaredType, string Source);

/// <summary>Every link and inline <c>data:</c> URI of one page, de-duplicated, in document order.</summary>
public sealed record ExtractionResult(IReadOnlyList<ExtractedLink> Links, IReadOnlyList<ExtractedData> DataUris)
{
    /// <summary>
    /// Why extraction stopped before the end of the page (a cap in <see cref="HtmlExtractor"/> was reached),
    /// or null when everything was extracted. The crawler records it as the reason items are missing.
    /// </summary>
    public string? Truncated { get; init; }
}
