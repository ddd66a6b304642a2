namespace Clearline.Crawling.Extraction;

/// <summary>
/// Decides which pages a crawl may follow from its seed (the reported URL). Media are fetched wherever they
/// are hosted and are not decided here: evidence lives on image hosts and CDNs, not on the reported site.
/// </summary>
/// <remarks>
/// Scheme and port are ignored: <c>http://</c> and <c>https://</c> of one host are the same site. With
/// <see cref="CrawlScopeMode.SameSite"/>, a seed whose host has no registrable domain (an IP address gives
/// itself; a bare suffix gives none) is compared by exact host.
/// </remarks>
public sealed class CrawlScope(CrawlScopeMode mode, Uri seed, PublicSuffixList suffixes)
{
    private readonly string _seedHost = HostOf(seed);
    private readonly string? _seedSite = suffixes.RegistrableDomain(HostOf(seed));

    /// <summary>Whether a page at <paramref name="url"/> may be followed.</summary>
    public bool IncludesPage(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            return false;
        }

        return mode switch
        {
            CrawlScopeMode.Any => true,
            CrawlScopeMode.SameHost => HostOf(url) == _seedHost,
            CrawlScopeMode.SameSite => _seedSite is null
                ? HostOf(url) == _seedHost
                : suffixes.RegistrableDomain(HostOf(url)) == _seedSite,
            _ => throw new InvalidOperationException("Unknown crawl scope mode " + mode.ToString()),
        };
    }

    private static string HostOf(Uri url) => url.IdnHost.ToLowerInvariant().TrimEnd('.');
}
