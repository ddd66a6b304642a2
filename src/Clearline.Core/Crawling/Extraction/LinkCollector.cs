using System.Globalization;

namespace Clearline.Crawling.Extraction;

/// <summary>
/// Gathers one page's links and data URIs: resolves them against the base URL, de-duplicates, and enforces
/// the caps of <see cref="HtmlExtractor"/>, remembering the first cap reached.
/// </summary>
internal sealed class LinkCollector(Uri baseUrl)
{
    private readonly List<ExtractedLink> _links = [];
    private readonly List<ExtractedData> _data = [];
    private readonly HashSet<(string Url, LinkKind Kind)> _seenLinks = [];
    private readonly HashSet<string> _seenData = new(StringComparer.Ordinal);
    private long _dataBytes;
    private string? _truncated;

    /// <summary>The URL relative references resolve against: the document's, or its <c>&lt;base href&gt;</c>.</summary>
    public Uri BaseUrl { get; set; } = baseUrl;

    /// <summary>Adds one URL as written in the page; a <c>data:</c> URI is decoded instead of linked.</summary>
    public void Add(string? raw, LinkKind kind, string source)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return;
        }

        if (DataUri.IsDataUri(raw))
        {
            AddData(raw, source);
            return;
        }

        if (_links.Count >= HtmlExtractor.MaxLinks)
        {
            Truncate(string.Create(CultureInfo.InvariantCulture, $"more than {HtmlExtractor.MaxLinks} links"));
            return;
        }

        if (!CrawlUrl.TryResolve(raw, BaseUrl, out var url) || !_seenLinks.Add((url.AbsoluteUri, kind)))
        {
            return;
        }

        _links.Add(new ExtractedLink(url, kind, source));
    }

    /// <summary>Adds every candidate of a <c>srcset</c> value as media.</summary>
    public void AddSrcset(string? srcset, string source)
    {
        foreach (var candidate in SrcsetParser.Urls(srcset ?? ""))
        {
            Add(candidate, LinkKind.Media, source);
        }
    }

    /// <summary>Adds every <c>url()</c> of CSS text as media.</summary>
    public void AddCss(string? css, string source)
    {
        foreach (var url in CssUrls.Find(css ?? ""))
        {
            Add(url, LinkKind.Media, source);
        }
    }

    public ExtractionResult ToResult() => new(_links, _data) { Truncated = _truncated };

    private void AddData(string raw, string source)
    {
        if (!_seenData.Add(raw))
        {
            return;
        }

        // The text length bounds the decoded length, so the budget is checked before decoding.
        if (_data.Count >= HtmlExtractor.MaxDataUris || _dataBytes + raw.Length > HtmlExtractor.MaxDataUriBytes)
        {
            Truncate(string.Create(CultureInfo.InvariantCulture,
                $"more than {HtmlExtractor.MaxDataUris} data: URIs or {HtmlExtractor.MaxDataUriBytes} bytes of them"));
            return;
        }

        if (DataUri.TryDecode(raw, out var bytes, out var declaredType))
        {
            _dataBytes += bytes.Length;
            _data.Add(new ExtractedData(bytes, declaredType, source));
        }
    }

    private void Truncate(string reason) => _truncated ??= reason;
}
