using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Clearline.Crawling.Extraction;

/// <summary>
/// Finds every page link and media reference in an HTML page, with a real HTML parser (AngleSharp: no
/// scripting, no resource loading), so that broken markup is read as a browser would read it.
/// </summary>
/// <remarks>
/// <para>The body is untrusted: extraction never throws for bad markup, and its cost is bounded by
/// <see cref="MaxLinks"/>, <see cref="MaxDataUris"/> and <see cref="MaxDataUriBytes"/> (reaching one is
/// reported in <see cref="ExtractionResult.Truncated"/>).</para>
/// <para>Media: <c>img</c>/<c>source</c> <c>src</c> and <c>srcset</c> with the lazy-load attributes
/// (<see cref="LazyAttributes"/>), <c>video</c> <c>src</c>/<c>poster</c>, <c>input type=image</c>,
/// <c>object data</c>, <c>embed src</c>, SVG <c>image href</c>, the legacy <c>background</c> attribute, CSS
/// <c>url()</c> in <c>style</c> attributes and elements, <c>og:image</c>/<c>og:video</c>/<c>twitter:image</c>
/// metadata, <c>link rel=image_src</c>, and <c>a</c>/<c>area</c> links whose path ends in a media extension.
/// Pages: other <c>a</c>/<c>area</c> links and <c>iframe</c>/<c>frame</c> sources. Stylesheets
/// (<c>link rel=stylesheet</c>, <c>@import</c>) and scripts are not followed.</para>
/// </remarks>
public static class HtmlExtractor
{
    /// <summary>Links kept per page; link farms and generated pages end here.</summary>
    public const int MaxLinks = 10_000;

    /// <summary><c>data:</c> URIs decoded per page.</summary>
    public const int MaxDataUris = 200;

    /// <summary>Bytes of <c>data:</c> URI text decoded per page.</summary>
    public const long MaxDataUriBytes = 64L * 1024 * 1024;

    /// <summary>Attributes lazy-loading scripts keep the real image URL in, on <c>img</c>, <c>source</c>, <c>video</c> and <c>iframe</c>.</summary>
    public static readonly IReadOnlyList<string> LazyAttributes = ["data-src", "data-original", "data-lazy-src"];

    /// <summary>The srcset counterparts of <see cref="LazyAttributes"/>.</summary>
    public static readonly IReadOnlyList<string> LazySrcsetAttributes = ["data-srcset", "data-lazy-srcset"];

    /// <summary>Path endings that make an <c>a href</c> a media link; the fetched bytes still decide.</summary>
    public static readonly IReadOnlySet<string> MediaExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".mp4", ".webm", ".mov", ".avi", ".mkv", ".m4v", ".flv", ".wmv", ".3gp",
    };

    private static readonly HashSet<string> MediaMetaNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "og:image", "og:image:url", "og:image:secure_url", "og:video", "og:video:url", "og:video:secure_url",
        "twitter:image", "twitter:image:src",
    };

    /// <summary>Extracts the links and data URIs of a page.</summary>
    /// <param name="body">The raw bytes as fetched.</param>
    /// <param name="contentType">The response's Content-Type (for its charset), or null.</param>
    /// <param name="documentUrl">The final URL after redirects, against which relative URLs resolve.</param>
    public static ExtractionResult Extract(ReadOnlyMemory<byte> body, string? contentType, Uri documentUrl)
    {
        var encoding = HtmlCharset.Detect(body.Span, contentType);
        // A parser per page: HtmlParser is not documented as thread-safe, and crawls extract in parallel.
        using var document = new HtmlParser().ParseDocument(encoding.GetString(body.Span));
        var links = new LinkCollector(documentUrl);
        if (document.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref
            && CrawlUrl.TryResolve(baseHref, documentUrl, out var baseUrl))
        {
            links.BaseUrl = baseUrl;
        }

        foreach (var element in document.All)
        {
            Visit(element, links);
        }

        return links.ToResult();
    }

    private static void Visit(IElement element, LinkCollector links)
    {
        var tag = element.LocalName;
        switch (tag)
        {
            case "img" or "source":
                AddMedia(element, links, "src");
                links.AddSrcset(element.GetAttribute("srcset"), tag + "@srcset");
                AddLazy(element, links);
                break;
            case "video":
                AddMedia(element, links, "src", "poster");
                AddLazy(element, links);
                break;
            case "input" when string.Equals(element.GetAttribute("type"), "image", StringComparison.OrdinalIgnoreCase):
                AddMedia(element, links, "src");
                break;
            case "object":
                AddMedia(element, links, "data");
                break;
            case "embed":
                AddMedia(element, links, "src");
                break;
            case "image":
                AddMedia(element, links, "href", "xlink:href");
                break;
            case "a" or "area":
                AddAnchor(element, links);
                break;
            case "iframe" or "frame":
                links.Add(element.GetAttribute("src"), LinkKind.Page, tag + "@src");
                links.Add(element.GetAttribute("data-src"), LinkKind.Page, tag + "@data-src");
                break;
            case "meta":
                AddMeta(element, links);
                break;
            case "link" when HasRel(element, "image_src"):
                AddMedia(element, links, "href");
                break;
            case "style":
                links.AddCss(element.TextContent, "style url()");
                break;
        }

        AddMedia(element, links, "background");
        links.AddCss(element.GetAttribute("style"), tag + "@style url()");
    }

    private static void AddMedia(IElement element, LinkCollector links, params ReadOnlySpan<string> attributes)
    {
        foreach (var attribute in attributes)
        {
            links.Add(element.GetAttribute(attribute), LinkKind.Media, element.LocalName + "@" + attribute);
        }
    }

    private static void AddLazy(IElement element, LinkCollector links)
    {
        foreach (var attribute in LazyAttributes)
        {
            AddMedia(element, links, attribute);
        }

        foreach (var attribute in LazySrcsetAttributes)
        {
            links.AddSrcset(element.GetAttribute(attribute), element.LocalName + "@" + attribute);
        }
    }

    private static void AddAnchor(IElement element, LinkCollector links)
    {
        var href = element.GetAttribute("href");
        var kind = href is not null && CrawlUrl.TryResolve(href, links.BaseUrl, out var url)
            && MediaExtensions.Contains(Path.GetExtension(url.AbsolutePath))
                ? LinkKind.Media
                : LinkKind.Page;
        links.Add(href, kind, element.LocalName + "@href");
    }

    private static void AddMeta(IElement element, LinkCollector links)
    {
        var name = element.GetAttribute("property") ?? element.GetAttribute("name");
        if (name is not null && MediaMetaNames.Contains(name.Trim()))
        {
            links.Add(element.GetAttribute("content"), LinkKind.Media, "meta " + name.Trim().ToLowerInvariant());
        }
    }

    private static bool HasRel(IElement element, string rel) =>
        (element.GetAttribute("rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(rel, StringComparer.OrdinalIgnoreCase);
}
