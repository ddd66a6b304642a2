namespace Clearline.Crawling.Fetching;

/// <summary>What a fetch is for; it selects the size limit (<see cref="CrawlerOptions.MaxPageBytes"/> or <see cref="CrawlerOptions.MaxMediaBytes"/>).</summary>
public enum FetchPurpose
{
    /// <summary>A page (HTML, CSS...): limited by <see cref="CrawlerOptions.MaxPageBytes"/>.</summary>
    Page,

    /// <summary>An image or video: limited by <see cref="CrawlerOptions.MaxMediaBytes"/>.</summary>
    Media,
}
