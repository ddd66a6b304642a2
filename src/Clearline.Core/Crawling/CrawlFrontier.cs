using Clearline.Crawling.Extraction;

namespace Clearline.Crawling;

/// <summary>
/// Decides which links found on a page join the crawl: de-duplicated by normalised URL, pages within depth and
/// scope, media wherever they are hosted, and nothing past the page and media limits (the first limit reached is
/// kept as the crawl's reason for stopping short).
/// </summary>
public sealed class CrawlFrontier
{
    private readonly HashSet<string> _known;
    private readonly CrawlScope _scope;
    private readonly CrawlerOptions _options;
    private int _pages;
    private int _media;

    public CrawlFrontier(CrawlScope scope, CrawlerOptions options, IEnumerable<CrawledUrl> existing)
    {
        _scope = scope;
        _options = options;
        _known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in existing)
        {
            _known.Add(url.Url);
            if (url.Role == UrlRole.Page)
            {
                _pages++;
            }
            else
            {
                _media++;
            }
        }
    }

    /// <summary>Why links were left out because of a limit, or null while no limit was reached.</summary>
    public string? LimitReason { get; private set; }

    /// <summary>The new frontier entries for the links found on <paramref name="page"/>.</summary>
    public IEnumerable<CrawledUrl> Admit(CrawledUrl page, IEnumerable<ExtractedLink> links)
    {
        var depth = page.Depth + 1;
        foreach (var link in links)
        {
            var url = CrawlUrl.Normalise(link.Url).AbsoluteUri;
            if (url.Length > Reports.ReportLimits.MaxUrlLength || _known.Contains(url))
            {
                continue;
            }

            var role = link.Kind == LinkKind.Media ? UrlRole.Media : UrlRole.Page;
            if (role == UrlRole.Page && !AdmitPage(link, depth))
            {
                continue;
            }

            if (role == UrlRole.Media && _media >= _options.MaxMedia)
            {
                LimitReason ??= $"media limit reached ({_options.MaxMedia} media URLs); further media were not fetched";
                continue;
            }

            _known.Add(url);
            if (role == UrlRole.Page)
            {
                _pages++;
            }
            else
            {
                _media++;
            }

            yield return new CrawledUrl
            {
                OrganisationId = page.OrganisationId,
                CrawlId = page.CrawlId,
                ReportId = page.ReportId,
                Url = url,
                Role = role,
                Depth = depth,
                FoundOnId = page.Id,
                FoundIn = link.Source.Length > 100 ? link.Source[..100] : link.Source,
            };
        }
    }

    private bool AdmitPage(ExtractedLink link, int depth)
    {
        if (depth > _options.MaxDepth)
        {
            return false;
        }

        // Frames are part of the page that embeds them, wherever they are hosted; links are followed within scope.
        var framed = link.Source.StartsWith("iframe", StringComparison.Ordinal) || link.Source.StartsWith("frame", StringComparison.Ordinal);
        if (!framed && !_scope.IncludesPage(link.Url))
        {
            return false;
        }

        if (_pages >= _options.MaxPages)
        {
            LimitReason ??= $"page limit reached ({_options.MaxPages} pages); further links were not followed";
            return false;
        }

        return true;
    }
}
